import { type Dirent, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { FindMatching } from '../../agent-gate/shell/find-tests.js';
import { findTestsMatcher } from '../../agent-gate/shell/find-tests.js';

/** Past this many entries of the git directory looked through, a find is taken to reach one. */
const MAX_ENTRIES = 50_000;

/**
 * The files of `covered` (repository paths under the find root `findRoot`, absolute) that a
 * `find … -name G -delete` removes: those its tests match, by the path find prints from the root
 * as written. A file whose printed path cannot be told (reached through a link) is kept. `git`:
 * a file of the repository's git directory, when it is under the root, matches (`-name config`,
 * `-name HEAD`): the gate refuses it, as any write there.
 */
export function findRemoves(
  m: FindMatching,
  findRoot: string,
  root: string,
  covered: readonly string[],
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
    git: printed(join(root, '.git')) !== undefined && gitFileMatches(join(root, '.git'), matches),
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
