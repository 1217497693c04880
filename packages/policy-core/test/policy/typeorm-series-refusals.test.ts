import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';

/**
 * `migrations.typeorm` takes a folder, a list, and `{ folders: [...] }` for one series over several
 * folders: each value it cannot take is one POL001 at the key it is wrong at, saying what it takes;
 * the forms it always took, and the new one, parse with none.
 */
const problems = (value: string) =>
  parsePolicyText(`version: 1\nmigrations:\n  typeorm: ${value}\n`).findings.map((f) => [
    f.message,
    f.range.start.line,
    f.range.start.character,
  ]);
const SERIES = '`{ folders: [...] }` naming the folders of one series';

describe('migrations.typeorm: one series over several folders', () => {
  it.each([
    ['a number', '5', '`migrations.typeorm`: 5 is neither a folder nor ' + SERIES, 11],
    [
      'a list in the list',
      '[a, [b, c]]',
      '`migrations.typeorm`: item 2: ["b","c"] is neither a folder nor ' + SERIES,
      11,
    ],
    [
      'a misspelt key',
      '{ folder: [a, b] }',
      '`migrations.typeorm`: a series takes only `folders` (not `folder`): ' + SERIES,
      11,
    ],
    [
      'folders as one string',
      '{ folders: a }',
      '`migrations.typeorm`: `folders` is a list of folders (strings)',
      11,
    ],
    [
      'no folder',
      '{ folders: [] }',
      '`migrations.typeorm.folders`: a series needs at least one folder: list the folders its config draws on',
      22,
    ],
    [
      'a folder named twice',
      '[a, { folders: [b, a/] }]',
      '`migrations.typeorm[1].folders[1]`: `a/` is named twice; each folder belongs to one series, so name it once',
      30,
    ],
    [
      'a folder outside the repository',
      '[a, { folders: [b, ../x] }]',
      '`migrations.typeorm[1].folders[1]`: `../x` climbs out with `..`; paths in the policy stay inside the repository',
      30,
    ],
  ])('%s', (_what, value, message, character) => {
    expect(problems(value)).toEqual([[`invalid policy: ${message}.`, 2, character]]);
  });

  it.each(['src/migrations', '[a, b]', '{ folders: [a, b] }', '[a, { folders: [b, c] }]'])(
    'near miss: %s',
    (value) => {
      expect(problems(value)).toEqual([]);
    },
  );
});
