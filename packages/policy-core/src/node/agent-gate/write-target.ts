import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { PROCESS_PATH } from '../../agent-gate/process-paths.js';
import { hasGitSegment } from '../repo-confinement.js';
import { linkedGitDirHolding } from './linked-git-dirs.js';
import { relativeInside } from './relative-inside.js';
import { climbs, physicalPath, throughProcessLink } from './physical-path.js';

/**
 * Where a tool call's write lands, as the file system will resolve it: a repository path
 * (`rel`, POSIX), with the name the agent wrote when a link led elsewhere inside (`via`); a path
 * outside the repository (not the policy's to judge); or a refusal: a link from inside the
 * repository to outside it, or the git directory (hooks and config there run programs).
 */
export type WriteTarget = { rel: string; via?: string } | { outside: string } | { refused: string };

export function writeTarget(
  root: string,
  cwd: string,
  path: string,
  /** The name itself, a link at its end not followed, a hard link one name of several (a link removed: removed-link.ts). */
  linkItself = false,
): WriteTarget {
  if (path === '' || path.includes('\0'))
    return { refused: `the path ${JSON.stringify(path)} names no file` };
  const lexical = resolve(cwd, path);
  // /proc/self/cwd, /dev/fd/3: another process's files, resolved here as this process's; a
  // link into them (made where no repository governs) too.
  if (PROCESS_PATH.test(lexical) || throughProcessLink(lexical))
    return { refused: `${path} goes through /proc or /dev/fd, which name a process's own files` };
  // `latest/../../db/x.sql` with `latest` a link: the text folds to one file, the file system
  // lands on another (physical-path.ts). Which one the tool writes, its own code decides.
  if (climbs(path)) {
    const physical = physicalPath(cwd, path);
    if (realOf(physical) !== realOf(lexical))
      return {
        refused: `${path} climbs out of a symbolic link with "..": it names ${lexical} as text and ${physical} on disk`,
      };
  }
  const realRoot = realpathSync.native(root);
  const lexicalRel = relativeInside(resolve(root), lexical) ?? relativeInside(realRoot, lexical);
  const real = linkItself ? join(realOf(dirname(lexical)), basename(lexical)) : realOf(lexical);
  const rel = relativeInside(realRoot, real);
  const gitDir = linkedGitDirHolding(realRoot)(real);
  if (gitDir !== undefined)
    return {
      refused: `${path} is inside the repository's git directory (${gitDir}), whose hooks and config run programs`,
    };
  if (rel === undefined) {
    if (lexicalRel !== undefined)
      return {
        refused: `${lexicalRel} leads outside the repository through a symbolic link (to ${real})`,
      };
    // A file outside every repository may still be another name of one of its files (a hard
    // link made before the session: `ln slipway.yaml /tmp/x`), which a write there changes.
    // Removing that name (`linkItself`) leaves the other's contents alone.
    const names = linkItself ? 1 : namesOf(real);
    if (names > 1)
      return {
        refused: `${lexical} is a hard link outside the repository (one file under ${names} names): a write to it may change a file of the repository Slipway cannot name`,
      };
    return { outside: lexical };
  }
  if (rel === '') return { refused: 'the path names the repository itself, not a file' };
  if (hasGitSegment(rel))
    return { refused: `${rel} is inside the git directory, whose hooks and config run programs` };
  // A hard link is the same file under two names: a write through one changes the other (the
  // policy file, .git/config), and nothing on disk says which that is.
  const names = linkItself ? 1 : namesOf(real);
  if (names > 1)
    return {
      refused: `${rel} is a hard link (one file under ${names} names): a write to it changes a file Slipway cannot name`,
    };
  return lexicalRel !== undefined && lexicalRel !== rel ? { rel, via: lexicalRel } : { rel };
}

/**
 * The real path a write to `abs` reaches: links followed for the part that exists (a link at the
 * end included, dangling or not), the rest appended as written.
 */
export function realOf(abs: string): string {
  let rest: string[] = [];
  let cur = abs;
  for (let hop = 0; hop < 64; hop++) {
    try {
      return join(realpathSync.native(cur), ...rest);
    } catch {
      // A dangling link at the end writes where it points.
      const st = lstatOrUndefined(cur);
      if (st?.isSymbolicLink()) {
        const target = realpathTarget(cur);
        if (target !== undefined) {
          cur = target;
          continue;
        }
      }
      const up = dirname(cur);
      if (up === cur) return abs;
      rest = [basename(cur), ...rest];
      cur = up;
    }
  }
  return abs;
}

/** How many names a regular file has (hard links: one contents); 0 for anything else or nothing. */
export function namesOf(path: string): number {
  const st = lstatOrUndefined(path);
  return st?.isFile() ? st.nlink : 0;
}

/** lstat, or undefined when nothing is there to stat. */
export function lstatOrUndefined(p: string | Buffer) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function realpathTarget(link: string): string | undefined {
  try {
    const t = readlinkSync(link);
    return isAbsolute(t) ? t : resolve(dirname(link), t);
  } catch {
    return undefined;
  }
}
