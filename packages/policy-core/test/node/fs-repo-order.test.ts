import { afterAll, describe, expect, it } from 'vitest';
import { PathMatcher, sortedCanonical } from '../../src/paths/index.js';
import { openRepo } from '../../src/node/fs-repo.js';
import { cleanup, commit, initRepo } from './git-fixture.js';

afterAll(cleanup);

/** The definition POL002 rests on: a pattern is unused when, alone, it decides about no path. */
function naiveUnused(patterns: string[], paths: readonly string[]): string[] {
  return patterns.filter(
    (p) => !paths.some((path) => new PathMatcher([p]).explain(path).source !== undefined),
  );
}

// Names where byte order and JavaScript's order could part: punctuation around `/`, accented
// letters, a character outside the BMP (UTF-16 surrogates), a private-use one above them, and a
// backslash (normalised to `/`).
const NAMES = ['a.c', 'a/b', 'a-b/c', 'é/x', 'z/z', 'ü/y', '\u{1F600}/e', '\uE000/p', 'q/r', 'b\\c/d'];
const PATTERNS = ['/a/', '/a.c', '/é/', '/\u{1F600}/', '/\uE000/', '/b/c/', '/gone/', 'q/', '/z/', '/ü/y'];

describe('the listing from git ls-files, used for stale patterns (POL002)', () => {
  it.each([
    ['plain and accented names', NAMES.filter((n) => !n.includes('\u{1F600}') && !n.includes('\\'))],
    ['a character outside the BMP', NAMES.filter((n) => !n.includes('\\'))],
    ['a backslash', NAMES],
  ])('gives the answers of the one-pattern-at-a-time definition with %s', (_name, names) => {
    const dir = initRepo();
    commit(dir, Object.fromEntries(names.map((n) => [n, 'x\n'])), 'files');
    return openRepo(dir).then((repo) => {
      // Asked by prefix first (the listing kept whole, where git's order allows), then split.
      const byPrefix = { all: () => repo.listFiles(), under: (p: string) => repo.filesUnder(p) };
      const unusedByPrefix = new PathMatcher(PATTERNS).unusedPatterns(byPrefix).map((s) => s.pattern);
      const files = repo.listFiles();
      const unused = new PathMatcher(PATTERNS).unusedPatterns(files).map((s) => s.pattern);
      expect(unused).toEqual(naiveUnused(PATTERNS, files));
      expect(unusedByPrefix).toEqual(unused);
      expect(unused).toContain('/gone/');
      for (const prefix of ['', 'a', 'a/', 'é/', 'q/r', '\uE000', 'zz'])
        expect([...repo.filesUnder(prefix)], prefix).toEqual(
          sortedCanonical(files).filter((f) => f.startsWith(prefix)),
        );
    });
  });
});
