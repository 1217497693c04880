import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/change-set.js';
import { isStatusToken, parseRawDiff } from '../../src/node/git/name-status.js';

/** The header read the plain way (split on spaces), as the reference. */
function reference(tokens: readonly string[]): ChangedFile[] {
  const out: ChangedFile[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!token.startsWith(':')) {
      i++;
      continue;
    }
    const fields = token.slice(1).split(' ');
    const status = fields[4] ?? '';
    if (!isStatusToken(status)) break;
    const letter = status[0]!;
    const two = letter === 'R' || letter === 'C';
    const paths = tokens.slice(i + 1, i + (two ? 3 : 2));
    if (paths.length < (two ? 2 : 1)) break;
    const names: Record<string, ChangedFile['status']> = {
      A: 'added',
      M: 'modified',
      D: 'deleted',
      R: 'renamed',
      C: 'copied',
      T: 'type-changed',
    };
    const f: ChangedFile = two
      ? { status: names[letter]!, path: paths[1]!, oldPath: paths[0]! }
      : { status: names[letter] ?? 'modified', path: paths[0]! };
    if (fields[0] === '160000' || fields[1] === '160000') f.submodule = true;
    out.push(f);
    i += two ? 3 : 2;
  }
  return out;
}

const SHA = 'a'.repeat(40);
const HEADERS = [
  `:100644 100644 ${SHA} ${SHA} M`,
  `:160000 160000 ${SHA} ${SHA} M`,
  `:000000 160000 ${SHA} ${SHA} A`,
  `:160000 000000 ${SHA} ${SHA} D`,
  `:100644 100644 ${SHA} ${SHA} R087`,
  `:100644 100644 ${SHA} ${SHA} C100`,
  `:100644 100644 ${SHA} ${SHA} M extra`,
  `:100644 100644 ${SHA} ${SHA}`,
  `:100644 100644 ${SHA}`,
  ':160000',
  ':',
  `:100644  ${SHA} ${SHA} M`,
  `:100644 100644 ${SHA} ${SHA} m`,
];

describe('parseRawDiff reads each --raw header in place, as splitting it on spaces would', () => {
  it('agrees with the split reading on well-formed and cut or odd headers', () => {
    for (const header of HEADERS) {
      for (const tail of [['a.txt'], ['old.txt', 'new.txt'], []]) {
        const tokens = [header, ...tail, `:100644 100644 ${SHA} ${SHA} M`, 'z.txt'];
        expect(parseRawDiff(tokens), JSON.stringify(tokens)).toEqual(reference(tokens));
      }
    }
  });

  it('marks a submodule by either mode, and only by a whole mode field', () => {
    const files = parseRawDiff([
      `:160000 160000 ${SHA} ${SHA} M`,
      'vendor/lib',
      `:1600000 100644 ${SHA} ${SHA} M`,
      'not-a-submodule',
    ]);
    expect(files).toEqual([
      { status: 'modified', path: 'vendor/lib', submodule: true },
      { status: 'modified', path: 'not-a-submodule' },
    ]);
  });
});
