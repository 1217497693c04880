import { readdirSync } from 'node:fs';
import { escape as escapeGlob, GLOBSTAR, Minimatch } from 'minimatch';

/** One path a glob reaches (globReach). */
export interface ReachedPath {
  /** The path, absolute, each pattern segment replaced by the name it matched. */
  path: string;
  /** The path as a glob (minimatch syntax): its names escaped, a segment that matched nothing as written. */
  glob: string;
  /** A segment matched nothing: the path names no file on disk, and `path` is not its name. */
  open: boolean;
}

/**
 * The paths a glob a command writes (absolute, minimatch syntax) may name, to choose the
 * repositories that judge it (`rm ../*\/db/x.sql`, `touch ../{A,B}/db/x.sql`): each brace
 * alternative, which the shell writes whatever is on disk, with each pattern segment matched on
 * disk (hidden names too: more names, never fewer); a segment nothing matches is kept as written
 * and the rest joined to it, so the path still names the folder the shell would have looked in.
 * Undefined past `max` paths, or for a `**` (any depth under `globstar`).
 */
export function globReach(glob: string, max: number): ReachedPath[] | undefined {
  const out = new Map<string, ReachedPath>();
  for (const row of new Minimatch(glob, { dot: true }).set) {
    let at: { names: string[]; globs: string[]; open: boolean }[] = [{ names: [], globs: [], open: false }];
    for (const seg of row) {
      if (seg === '') continue;
      if (seg === GLOBSTAR) return undefined;
      const next: typeof at = [];
      for (const p of at) {
        if (typeof seg === 'string') {
          next.push({ names: [...p.names, seg], globs: [...p.globs, escapeGlob(seg)], open: p.open });
          continue;
        }
        const matched = p.open ? [] : names(`/${p.names.join('/')}`).filter((name) => seg.test(name));
        if (matched.length === 0)
          next.push({ names: [...p.names, seg.pattern], globs: [...p.globs, seg.pattern], open: true });
        for (const name of matched)
          next.push({ names: [...p.names, name], globs: [...p.globs, escapeGlob(name)], open: p.open });
      }
      if (next.length > max) return undefined;
      at = next;
    }
    for (const p of at) {
      const path = `/${p.names.join('/')}`;
      out.set(path, { path, glob: `/${p.globs.join('/')}`, open: p.open });
    }
    if (out.size > max) return undefined;
  }
  return [...out.values()];
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
