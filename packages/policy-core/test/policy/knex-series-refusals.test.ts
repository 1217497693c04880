import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';

/**
 * `migrations.knex` takes a folder, a list, and `{ folders: [...], sort_dirs_separately? }` for a
 * knexfile's several directories, one series: each value it cannot take is one POL001 at the key
 * it is wrong at, saying what it takes; the forms it always took, and the new ones, parse with none.
 */
const problems = (value: string) =>
  parsePolicyText(`version: 1\nmigrations:\n  knex: ${value}\n`).findings.map((f) => [
    f.message,
    f.range.start.line,
    f.range.start.character,
  ]);
const SERIES = '`{ folders: [...] }` naming the folders of one series';

describe('migrations.knex: one series over several folders', () => {
  it.each([
    ['a number', '5', '`migrations.knex`: 5 is neither a folder nor ' + SERIES, 8],
    [
      "Knex's own spelling of the order",
      '{ folders: [a, b], sortDirsSeparately: true }',
      'unknown key `migrations.knex.sortDirsSeparately`; check its spelling against `slipway schema` or remove it',
      27,
    ],
    [
      'a misspelt key in the list',
      '[c, { folders: [a, b], sort_dirs: true }]',
      'unknown key `migrations.knex[1].sort_dirs`; check its spelling against `slipway schema` or remove it',
      31,
    ],
    [
      'the order as a word',
      '{ folders: [a, b], sort_dirs_separately: yes please }',
      "`migrations.knex`: `sort_dirs_separately` is true (folder by folder, as Knex's `sortDirsSeparately: true`) or false",
      8,
    ],
    [
      'a list in the list',
      '[c, [a, b]]',
      '`migrations.knex`: item 2: ["a","b"] is neither a folder nor ' + SERIES,
      8,
    ],
    [
      'a folder named twice',
      '{ folders: [a, ./a] }',
      '`migrations.knex.folders[1]`: `./a` is named twice; each folder belongs to one series, so name it once',
      23,
    ],
  ])('%s', (_what, value, message, character) => {
    expect(problems(value)).toEqual([[`invalid policy: ${message}.`, 2, character]]);
  });

  it.each([
    'migrations',
    '[a, b]',
    '{ folders: [a, b] }',
    '{ folders: [a, b], sort_dirs_separately: true }',
    '[c, { folders: [a, b], sort_dirs_separately: false }]',
  ])('near miss: %s', (value) => {
    expect(problems(value)).toEqual([]);
  });

  it('TypeORM has no folder-by-folder order: sort_dirs_separately is refused there', () => {
    expect(
      parsePolicyText(
        'version: 1\nmigrations:\n  typeorm: { folders: [a, b], sort_dirs_separately: true }\n',
      ).findings.map((f) => f.message),
    ).toEqual([
      'invalid policy: unknown key `migrations.typeorm.sort_dirs_separately`; check its spelling against `slipway schema` or remove it.',
    ]);
  });
});
