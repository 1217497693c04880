import { describe, expect, it } from 'vitest';
import { commitTakes } from '../../../src/agent-gate/shell/git-commit-scope.js';

// What git commit records, by its documentation: -a/--all the tracked files from the disk, paths
// named without -i the named files from the disk, else the index. Values are not paths.
const ROWS: [words: (string | undefined)[], takes: string][] = [
  [['-m', 'msg'], 'index'],
  [['-qm', 'msg'], 'index'],
  [['-am', 'msg'], 'disk-tracked'],
  [['-a', '-m', 'msg'], 'disk-tracked'],
  [['--all', '--message=msg'], 'disk-tracked'],
  [['-m', 'msg', '--', 'db/x.sql'], 'disk-named'],
  [['-m', 'msg', 'db/x.sql'], 'disk-named'],
  [['--only', '-m', 'msg', 'db/x.sql'], 'disk-named'],
  [['-i', '-m', 'msg', 'db/x.sql'], 'index'],
  [['--include', 'db/x.sql', '-m', 'm'], 'index'],
  // A message's or an author's value is not a path; nor -c's commit, nor an attached -S key.
  [['-m', 'db/x.sql'], 'index'],
  [['--author', 'A <a@b>', '-m', 'x'], 'index'],
  [['--auth', 'A <a@b>', '-m', 'x'], 'index'],
  [['-C', 'HEAD'], 'index'],
  [['-Skey', '-m', 'x'], 'index'],
  [['--amend', '--no-edit'], 'index'],
  // -m with the a inside its value: `-ma` is the message "a".
  [['-ma'], 'index'],
  // Paths from a file the command does not show, or an unknown word: the index (the stricter).
  [['--pathspec-from-file=list', '-m', 'x'], 'index'],
  [['-m', 'x', undefined], 'index'],
];

describe('commitTakes: what a git commit records', () => {
  it.each(ROWS)('%j -> %s', (words, takes) => {
    expect(commitTakes(words)).toBe(takes);
  });
});
