import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';

/**
 * What a broken policy is told, word for word and where: the TOML reader's duplicate keys and
 * syntax errors (the parser's own "at row, col, pos" cut off, a position past the text clamped),
 * and the schema's problems (the version, a value not allowed, a missing key, the top level, a
 * misspelt key first). The editor shows each at its range; the CLI prints the first.
 */
const found = (text: string, file = 'slipway.yaml') =>
  parsePolicyText(text, file).findings.map((f) => [
    f.message,
    f.range.start.line,
    f.range.start.character,
    f.range.end.line,
    f.range.end.character,
  ]);

describe('TOML errors', () => {
  it.each([
    ['a key defined twice, at the second', 'version = 1\nversion = 1\n', '`version`', [1, 0, 1, 7]],
    [
      'a table defined twice, at its header',
      'version = 1\n[deploy]\nproduction = "p"\n[deploy]\nproduction = "q"\n',
      '`[deploy]`',
      [3, 0, 3, 8],
    ],
    ['an indented key, from its first character', 'version = 1\n  x = 2\n  x = 3\n', '`x`', [2, 2, 2, 3]],
  ])('%s', (_what, text, key, at) => {
    expect(found(text, 'slipway.toml')).toEqual([
      [`invalid policy: invalid TOML: ${key} is defined twice; keep one of them.`, ...at],
    ]);
  });

  it("a syntax error: the parser's message without its position, at the parser's line and column", () => {
    expect(found('version = \n', 'slipway.toml')).toEqual([
      [
        'invalid policy: invalid TOML: Unexpected character, expecting string, number, datetime, boolean, inline array or inline table.',
        0,
        10,
        0,
        10,
      ],
    ]);
  });

  it('an unterminated last line: the position is clamped to the text', () => {
    expect(found('version = 1\nname = "abc', 'slipway.toml')).toEqual([
      ['invalid policy: invalid TOML: Unterminated string.', 1, 11, 1, 11],
    ]);
  });
});

describe('schema problems', () => {
  it.each([
    ['slipway.yaml', 'version: 2\n', 'set `version: 1`', [0, 9, 0, 10]],
    ['slipway.yaml', 'version: "1"\n', 'set `version: 1`', [0, 9, 0, 12]],
    ['slipway.toml', 'version = 2\n', 'set `version = 1`', [0, 10, 0, 11]],
  ])('%s %j: the version, told in the file format', (file, text, fix, at) => {
    expect(found(text, file)).toEqual([
      [`invalid policy: \`version\` must be 1 (the only policy version); ${fix}.`, ...at],
    ]);
  });

  it('a value not allowed: its path, and the choices without zod\'s "Invalid option:"', () => {
    expect(found('version: 1\nmigrations:\n  dialect: oracle\n')).toEqual([
      ['invalid policy: `migrations.dialect`: expected one of "postgresql"|"sqlite"|"mysql".', 2, 11, 2, 17],
    ]);
  });

  it("a top-level key other than version, wrong: its own message, not the version's", () => {
    expect(found('version: 1\nmax_waiver_days: -1\n')).toEqual([
      ['invalid policy: `max_waiver_days`: Too small: expected number to be >=1.', 1, 17, 1, 19],
    ]);
    expect(found('version: 1\nproduction_branch: 5\n')).toEqual([
      ['invalid policy: `production_branch`: expected string, received number.', 1, 19, 1, 20],
    ]);
  });

  it('the top level that is not a mapping', () => {
    expect(found('- a\n')).toEqual([
      ['invalid policy: the top level: expected object, received array.', 0, 0, 0, 3],
    ]);
  });

  it('a missing key, at its parent; a misspelt key first, as it says what to change', () => {
    expect(found('version: 1\nprotected:\n  pathz: [a]\n')).toEqual([
      [
        'invalid policy: unknown key `protected.pathz`; check its spelling against `slipway schema` or remove it.',
        2,
        2,
        2,
        7,
      ],
      ['invalid policy: `protected.paths` is required (expected array); add it.', 1, 0, 1, 9],
    ]);
    expect(found('protected:\n  label: x\n  paths: [a]\n')).toEqual([
      ['invalid policy: `version` is required; add it.', 0, 0, 0, 0],
    ]);
  });

  it('a byte-order mark is not part of the policy', () => {
    const parsed = parsePolicyText('\ufeffversion: 1\n');
    expect(parsed.findings).toEqual([]);
    expect(parsed.document?.text).toBe('version: 1\n');
  });
});
