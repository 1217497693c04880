import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GLOBSTAR, Minimatch } from 'minimatch';
import type { MadeSoFar } from './made-so-far.js';
import { lstatOrUndefined } from './write-target.js';
import { relativeInside } from './relative-inside.js';

/**
 * The paths a copy's source glob (`mv w* .github`, `cp -r src/* dist`; absolute, minimatch
 * syntax) names when the shell expands it: what matches on disk now, and what the command wrote
 * before it (a file, or a folder above one). Hidden names match too (`shopt -s dotglob`): more
 * names, never fewer. Undefined past `max` names, or for a `**` (any depth under `globstar`).
 */
export function expandSourceGlob(
  glob: string,
  root: string,
  made: MadeSoFar,
  max: number,
): string[] | undefined {
  const out = new Set<string>();
  const mm = new Minimatch(glob, { dot: true });
  for (const row of mm.set) {
    let at: string[] = ['/'];
    for (const seg of row) {
      if (seg === '') continue;
      const next: string[] = [];
      for (const dir of at) {
        if (typeof seg === 'string') {
          next.push(join(dir, seg));
          continue;
        }
        if (seg === GLOBSTAR) return undefined;
        for (const name of names(dir)) if (seg.test(name)) next.push(join(dir, name));
      }
      if (next.length > max) return undefined;
      at = next;
    }
    for (const p of at) if (lstatOrUndefined(p)) out.add(p);
  }
  const rel = relativeInside(resolve(root), glob);
  if (rel !== undefined) {
    const inRepo = new Minimatch(rel, { dot: true });
    for (const p of made.all())
      for (let end = p.length; end > 0; end = p.lastIndexOf('/', end - 1)) {
        const a = p.slice(0, end);
        if (inRepo.match(a)) out.add(join(root, a));
      }
  }
  return out.size > max ? undefined : [...out];
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
