import { existsSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { hasGitSegment, type Refused, type RepoConfinement, refused } from './repo-confinement.js';

/** A path an agent named, in the repository: as named, and where it really is when links lead elsewhere inside. */
export interface AgentRepoPath {
  /** Repository-relative, POSIX separators. */
  path: string;
  /** The file it really is (repository-relative), when a link inside the repository leads there. */
  real?: string;
}

/**
 * A path an agent names (absolute, or relative to the repository root) as a path in the
 * repository, or why Slipway will not answer for it: outside the root, in the git directory, or
 * through a symbolic link that leaves the repository (repo-confinement.ts says what inside is).
 * The file need not exist: an agent asks before it creates one; its nearest existing folder is
 * judged instead. Nothing is read.
 */
export function agentRepoPath(box: RepoConfinement, raw: string, verb = 'judge'): AgentRepoPath | Refused {
  if (raw.includes('\0')) return { refused: 'a path with a NUL character names no file', fix: 'name a file' };
  const full = isAbsolute(raw) ? resolve(raw) : resolve(box.root, raw);
  // An absolute path may name the repository through its real location (/private/tmp, a linked home).
  const rel = inside(box.root, full) ?? inside(box.realRoot, full);
  if (rel === undefined)
    return {
      refused: `${raw} is outside the repository ${box.root}; Slipway does not ${verb} it`,
      fix: 'name a file inside the repository (relative to its root, or absolute)',
    };
  if (rel === '') return { refused: `${raw} is the repository's root, not a file`, fix: 'name a file in it' };
  if (hasGitSegment(rel)) return refused(rel, 'inside the git directory', verb);
  const base = inside(box.root, full) === undefined ? box.realRoot : box.root;
  const abs = join(base, ...rel.split('/'));
  let dir = dirname(abs);
  while (dir !== base && dir.length > base.length && !existsSync(dir)) dir = dirname(dir);
  const realDir = box.realDir(dir);
  if (realDir === false)
    return refused(rel, 'below a directory that is a symbolic link leading outside the repository', verb);
  if (realDir === undefined) return { path: rel };
  let real = join(realDir, relative(dir, abs));
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
    const link = box.followLink(abs, rel, verb);
    if (link && 'refused' in link) return link;
    if (link) real = link.real;
  }
  const realRel = inside(box.realRoot, real);
  if (realRel === undefined) return refused(rel, 'a symbolic link that leads outside the repository', verb);
  if (hasGitSegment(realRel)) return refused(rel, 'a symbolic link into the git directory', verb);
  return realRel === rel ? { path: rel } : { path: rel, real: realRel };
}

/** `path` relative to `root` with POSIX separators, '' for the root, undefined when outside it. */
function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
