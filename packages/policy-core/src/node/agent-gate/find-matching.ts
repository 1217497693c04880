import { type Dirent, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { FindMatching } from '../../agent-gate/shell/find-tests.js';
import { findTestsMatcher } from '../../agent-gate/shell/find-tests.js';
import { filesOnDisk } from './files-on-disk.js';

/** Past this many entries of the git directory looked through, a find is taken to reach one. */
const MAX_ENTRIES = 50_000;
/**
 * Files on disk a find's tests are asked of: the tests are cheap and only the matches are judged
 * (`find . -name '*.pyc' -delete` in a tree with node_modules is common).
 */
const MAX_LISTED = 200_000;

/**
 * What a `find <root> … -delete` with plain name tests removes in the repository at `root`, the
 * find's root being the repository path `rel` (`findRoot` absolute): findRemoves over the files on
 * disk under it (the root itself among them) and the git directories they pass. `unlisted` says
 * why a match may be missing: the files past the listing's end were not asked.
 */
export function findRemovesOnDisk(
  m: FindMatching,
  findRoot: string,
  root: string,
  rel: string,
): { covered: string[]; git: boolean; unlisted?: string } {
  const gitDirs: string[] = [];
  const listed = [rel, ...filesOnDisk(root, rel, MAX_LISTED + 1, gitDirs)].filter((p) => p !== '');
  const found = findRemoves(m, findRoot, root, listed, gitDirs);
  return listed.length <= MAX_LISTED
    ? found
    : {
        ...found,
        unlisted: `looks through more than ${MAX_LISTED.toLocaleString('en-US')} files; its tests were matched against the first`,
      };
}

/**
 * The files of `covered` (repository paths under the find root `findRoot`, absolute) that a
 * `find … -name G -delete` removes: those its tests match, by the path find prints from the root
 * as written. A file whose printed path cannot be told (reached through a link) is kept. `git`:
 * a file of a git directory under the root matches (`-name config`, `-name HEAD`): the
 * repository's own, or one of `gitDirs` (repository paths of the git directories the listing
 * passed: a nested repository's, a submodule's); the gate refuses it, as any write there.
 */
export function findRemoves(
  m: FindMatching,
  findRoot: string,
  root: string,
  covered: readonly string[],
  gitDirs: readonly string[] = [],
): { covered: string[]; git: boolean } {
  const printed = (abs: string): string | undefined => {
    const rel = relative(findRoot, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    const suffix = rel.split(sep).join('/');
    return suffix === '' ? m.root : m.root.endsWith('/') ? m.root + suffix : `${m.root}/${suffix}`;
  };
  const testsMatch = findTestsMatcher(m.tests);
  const matches = (abs: string) => {
    const p = printed(abs);
    return p === undefined || testsMatch(p);
  };
  return {
    covered: covered.filter((p) => matches(join(root, p))),
    git: [join(root, '.git'), ...gitDirs.map((p) => join(root, p))].some(
      (dir) => printed(dir) !== undefined && gitFileMatches(dir, matches),
    ),
  };
}

/** Whether a file under the git directory `dir` matches (true past MAX_ENTRIES: not looked through). */
function gitFileMatches(dir: string, matches: (abs: string) => boolean): boolean {
  if (matches(dir)) return true;
  const stack = [dir];
  let seen = 0;
  while (stack.length > 0) {
    const at = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return true;
      const path = join(at, e.name);
      if (matches(path)) return true;
      if (e.isDirectory()) stack.push(path);
    }
  }
  return false;
}
