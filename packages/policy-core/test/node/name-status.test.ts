import { describe, expect, it } from 'vitest';
import { parseFileLists } from '../../src/node/git/commit-log.js';
import { parseNameStatus } from '../../src/node/git/name-status.js';
import { splitZ } from '../../src/node/git/path-bytes.js';

const z = (...fields: string[]) => splitZ(Buffer.from(`${fields.join('\0')}\0`));

describe('--name-status -z parsing', () => {
  it('reads every status, with two paths for renames and copies', () => {
    const tokens = z(
      'A',
      'new',
      'M',
      'mod',
      'D',
      'gone',
      'R087',
      'from',
      'to',
      'C100',
      'src',
      'copy',
      'T',
      'link',
    );
    expect(parseNameStatus(tokens)).toEqual([
      { status: 'added', path: 'new' },
      { status: 'modified', path: 'mod' },
      { status: 'deleted', path: 'gone' },
      { status: 'renamed', path: 'to', oldPath: 'from' },
      { status: 'copied', path: 'copy', oldPath: 'src' },
      { status: 'type-changed', path: 'link' },
    ]);
  });

  it('treats path fields positionally, so a file named like a status is still a path', () => {
    expect(parseNameStatus(z('A', 'M', 'R100', 'D', 'A'))).toEqual([
      { status: 'added', path: 'M' },
      { status: 'renamed', path: 'A', oldPath: 'D' },
    ]);
  });

  it('is empty for an empty diff', () => {
    expect(parseNameStatus(splitZ(Buffer.alloc(0)))).toEqual([]);
  });

  it('reads per-commit file lists from git log, commits without changes included', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const c = 'c'.repeat(40);
    const tokens = z(a, '', '\nM', 'x', 'R100', 'old', 'new', b, '', c, '', '\nA', 'y');
    expect(parseFileLists(tokens)).toEqual(
      new Map([
        [
          a,
          [
            { status: 'modified', path: 'x' },
            { status: 'renamed', path: 'new', oldPath: 'old' },
          ],
        ],
        [b, []],
        [c, [{ status: 'added', path: 'y' }]],
      ]),
    );
  });

  it("reads a merge's combined entries (-c --combined-all-paths): one path per parent, then the result", () => {
    const m = 'd'.repeat(40);
    const e = 'e'.repeat(40);
    const c = 'c'.repeat(40);
    // As git 2.39 writes them: two empty fields and no newline after a merge's hash; a merge
    // that made nothing itself has no entries at all.
    const tokens = z(
      m,
      '',
      '',
      'RR',
      'a.txt',
      'a.txt',
      'a-renamed.txt',
      'AA',
      'n.txt',
      'n.txt',
      'n.txt',
      'DD',
      'r.txt',
      'r.txt',
      'r.txt',
      'MM',
      'MM',
      'MM',
      'MM',
      'AMM',
      'o',
      'o',
      'o',
      'o',
      e,
      '',
      '',
      c,
      '',
      '\nD',
      'gone',
    );
    expect(parseFileLists(tokens)).toEqual(
      new Map([
        [
          m,
          [
            { status: 'renamed', path: 'a-renamed.txt', oldPath: 'a.txt' },
            { status: 'added', path: 'n.txt' },
            { status: 'deleted', path: 'r.txt' },
            // A file named like a status is still a path: fields are positional.
            { status: 'modified', path: 'MM' },
            // An octopus merge: one letter per parent.
            { status: 'modified', path: 'o' },
          ],
        ],
        [e, []],
        [c, [{ status: 'deleted', path: 'gone' }]],
      ]),
    );
  });
});
