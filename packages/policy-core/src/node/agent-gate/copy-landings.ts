import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ShellWrite } from '../../agent-gate/shell/effects.js';
import { filesUnder } from './files-on-disk.js';
import type { MadeSoFar } from './made-so-far.js';
import { expandSourceGlob } from './source-glob.js';
import { lstatOrUndefined, writeTarget } from './write-target.js';
import { relativeInside } from './relative-inside.js';

/** Where a copy or a move of a folder puts its files, as far as the gate can tell. */
export interface CopyLandings {
  /** The destination as a repository path ('' for the root); undefined when outside the repository. */
  dest?: string;
  /** Each file that lands, and the repository file whose text it takes when that is known. */
  landed: { rel: string; source?: string }[];
  /** Why what lands cannot be named (put to a person). */
  ask?: string;
  /** A landing the gate refuses (the git directory, a link out of the repository). */
  refused?: string;
}

/**
 * `cp -r SRC DEST`, `mv SRC DEST`, `git mv SRC DEST` write DEST/<rel> (or DEST/<name of
 * SRC>/<rel> when DEST is a folder) for each file SRC/<rel>: the files under SRC on disk, and
 * those the command itself wrote there before (`made`). Names the command does not show (a glob
 * written under SRC, a source the text does not give, a link to a folder) are put to a person:
 * any folder may hold a file the policy reads (a nested AGENTS.md, a `.claude/`), so no
 * destination is safe from them.
 */
export function copyLandings(
  w: ShellWrite,
  root: string,
  cwd: string,
  made: MadeSoFar,
  max: number,
): CopyLandings {
  const t = writeTarget(root, cwd, w.path);
  // A folder the repository is in (`cp -r x/b ..` from b, or into the folder b sits in): what
  // lands under the repository's own folder, `above` being its path from there.
  const above = 'outside' in t ? relativeInside(resolve(cwd, w.path), resolve(root)) : undefined;
  if ('outside' in t && (above === undefined || above === '')) return { landed: [] };
  // `cp -r src .` copies into the root: judged by what lands, not refused as a write of the root.
  const toRoot = 'refused' in t && relativeInside(resolve(root), resolve(cwd, w.path)) === '';
  if ('refused' in t && !toRoot) return { landed: [], refused: t.refused };
  const dest = 'rel' in t ? t.rel : '';
  const out: CopyLandings = above === undefined ? { dest, landed: [] } : { landed: [] };
  const asks: string[] = [];
  if (w.fromUnknown || w.from === undefined)
    return {
      ...out,
      ask: `\`${w.how}\` copies ${w.from ?? 'a source'}, which the command's text does not give`,
    };
  const sources = w.fromPattern
    ? expandSourceGlob(resolve(cwd, w.from), root, made, max)
    : [resolve(cwd, w.from)];
  if (sources === undefined)
    return { ...out, ask: `\`${w.how}\` copies ${w.from}, a glob of too many names` };
  // A folder the command removed or moved away before this step may not be one when it runs:
  // the source may land as the destination itself, or in it if it was made again: both judged.
  const destGone = above === undefined && made.removedAt(dest);
  const destIsDir =
    above !== undefined
      ? statOrUndefined(resolve(cwd, w.path))?.isDirectory() === true
      : !destGone && (dest === '' || lstatOrUndefined(join(root, dest))?.isDirectory() === true);
  const destMade = above === undefined && (destGone || made.under(dest).length > 0);
  const lands = w.lands ?? (sources.length > 1 ? 'in' : undefined);
  const seen = new Set<string>();
  for (const abs of sources) {
    const srcRel = relativeInside(resolve(root), abs);
    const st = lstatOrUndefined(abs);
    if (st?.isSymbolicLink() && statOrUndefined(abs)?.isDirectory()) {
      asks.push(`\`${w.how}\` ${abs} is a link to a folder: where it points after the copy is not judged`);
      continue;
    }
    if (srcRel !== undefined && made.globUnder(srcRel))
      asks.push(`\`${w.how}\` copies ${srcRel}, under which the command writes files by a glob`);
    const onDisk = st?.isFile() ? [''] : st?.isDirectory() ? filesUnder(abs, max + 1) : [];
    const ofCommand = srcRel === undefined ? [] : made.under(srcRel);
    const base = basename(abs);
    const forms =
      lands === 'in'
        ? [base]
        : lands === 'as'
          ? ['']
          : lands === 'contents'
            ? destIsDir || destMade
              ? ['', base]
              : ['']
            : destIsDir
              ? [base]
              : destMade
                ? ['', base]
                : [''];
    const land = (suffix: string, fromDisk: boolean) => {
      for (const form of forms) {
        const from = [dest, form, suffix].filter((p) => p !== '').join('/');
        if (above !== undefined && !from.startsWith(`${above}/`)) continue;
        const rel = above === undefined ? from : from.slice(above.length + 1);
        // The destination itself is judged as the folder it is (shell-writes adds it), unless a
        // file lands as it (`mv a.sql db/002.sql`): then with that file's text.
        const asDest = rel === dest && suffix === '' && st?.isFile() === true;
        if ((rel === dest && !asDest) || seen.has(rel) || out.landed.length > max) continue;
        seen.add(rel);
        // Through the links under the destination, as the file system will resolve them.
        const at = writeTarget(root, root, rel);
        if ('refused' in at) out.refused ??= at.refused;
        if (!('rel' in at)) continue;
        const source = srcRel === undefined ? undefined : [srcRel, suffix].filter((p) => p !== '').join('/');
        const known = fromDisk && source !== undefined && !made.has(source);
        out.landed.push(known ? { rel: at.rel, source } : { rel: at.rel });
      }
    };
    for (const suffix of onDisk) land(suffix, true);
    for (const suffix of ofCommand) land(suffix, false);
    // Not a file or a folder on disk at the call: a link to a file (copied through it, or moved
    // as a link whose relative target then resolves elsewhere) or a name the command makes first
    // (outside the repository, where nothing it writes is counted): it lands, its text unknown.
    if (!st?.isFile() && !st?.isDirectory()) land('', false);
  }
  return asks.length > 0 ? { ...out, ask: asks[0] } : out;
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
