import { describe, expect, it } from 'vitest';
import { PathMatcher } from '../../src/paths/index.js';

/**
 * Corners where git's matcher (wildmatch plus dir.c's literal-prefix shortcut) differs from a
 * plain reading of gitignore(5); git check-ignore --no-index 2.39 gave each expected value.
 */
const ROWS: [pattern: string, path: string, git: boolean][] = [
  // dir.c compares the literal head (`a`) and then matches `**/b` alone, where `**/` is whole.
  ['a**/b', 'a/b', true],
  ['a**/b', 'ab', true],
  ['a**/b', 'ax/b', true],
  ['a**/b', 'a/x/b', true],
  ['a**/b', 'ax/y/b', true],
  ['a**/b', 'x/a/b', false],
  ['x/a**/b', 'x/a/q/b', true],
  // Only the first wildcard: a later glued `**` is an ordinary `*`.
  ['a*/b**/c', 'ax/b/q/c', false],
  ['a*/b**/c', 'ax/bq/c', true],
  // Not glued, or not before a `/`: ordinary rules.
  ['a**b', 'a/x/b', false],
  ['**a/b', 'x/ya/b', false],
  // wildmatch compares a range's first character before it sees the `-`.
  ['[z-a]', 'z', true],
  ['[z-a]', 'a', false],
  ['[z-a]', 'm', false],
  ['[a-z]', 'm', true],
];

describe('wildmatch corners agree with git', () => {
  it.each(ROWS)('%s on %s → %s', (pattern, path, git) => {
    expect(new PathMatcher([pattern]).matches(path)).toBe(git);
  });
});
