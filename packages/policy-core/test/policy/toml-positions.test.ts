import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { locateTomlPath, locateTomlValue } from '../../src/update/toml-locate.js';

/** [line, column], 1-based, of a range's start. */
const at = (r: { start: { line: number; character: number } }) => [r.start.line + 1, r.start.character + 1];
const end = (r: { end: { line: number; character: number } }) => [r.end.line + 1, r.end.character + 1];

// TOML that a line scanner misreads: each case is valid TOML whose keys or values stand where
// a regular expression per line does not look.
describe('TOML positions where a line scanner goes wrong', () => {
  it('a `key = value` line inside a multi-line string is text, not a key', () => {
    const text = '[update]\nnote = """\nchannel = "fake"\n"""\nchannel = "stable"\n';
    expect(at(locateTomlPath(text, ['update', 'channel']))).toEqual([5, 1]);
    const policy = parsePolicyText(
      `version = 1\n[protected]\nlabel = """\npaths = ["x"]\n"""\npaths = ["a"]\n`,
      'slipway.toml',
    );
    expect(at(policy.document!.locate(['protected', 'paths'], 'key'))).toEqual([6, 1]);
  });

  it('a quoted key with a dot in it is one key', () => {
    const text = '[update]\n"a.b" = 1\n';
    expect(at(locateTomlPath(text, ['update', 'a.b']))).toEqual([2, 1]);
    expect(end(locateTomlPath(text, ['update', 'a.b']))).toEqual([2, 6]);
  });

  it('quoted and spaced table headers name the same table', () => {
    const text = '[ "update" ]\ninterval_minutes = 0\n';
    expect(at(locateTomlPath(text, ['update', 'interval_minutes']))).toEqual([2, 1]);
  });

  it('a dotted key under a table, and the table a dotted key implies', () => {
    const text = 'update.channel = "x"\n';
    expect(at(locateTomlPath(text, ['update', 'channel']))).toEqual([1, 1]);
    expect(at(locateTomlPath(text, ['update', 'missing']))).toEqual([1, 1]);
  });

  it('array elements past a comment holding brackets and commas', () => {
    const text = '[update]\nallowed_signers = [\n  "A", # first ], "not an element"\n  "B",\n]\n';
    expect(at(locateTomlPath(text, ['update', 'allowed_signers', 1]))).toEqual([4, 3]);
  });

  it('a value over several lines spans all of them', () => {
    const text = '[update]\nallowed_signers = [\n  "A",\n]\n';
    const value = locateTomlValue(text, ['update', 'allowed_signers']);
    expect(value && [at(value), end(value)]).toEqual([
      [2, 19],
      [4, 2],
    ]);
  });

  it('a literal string with a backslash before its closing quote ends there', () => {
    const text = '[update]\ndir = \'C:\\\'\nchannel = "x"\n';
    const value = locateTomlValue(text, ['update', 'dir']);
    expect(value && end(value)).toEqual([2, 12]);
    expect(at(locateTomlPath(text, ['update', 'channel']))).toEqual([3, 1]);
  });

  it('a path the file does not write falls back to its table, then to the first line (near miss)', () => {
    const text = '# comment\n[update]\nchannel = "x"\n';
    expect(at(locateTomlPath(text, ['update', 'interval_minutes']))).toEqual([2, 1]);
    expect(at(locateTomlPath(text, ['agents', 'x']))).toEqual([1, 1]);
    expect(locateTomlValue(text, ['update', 'interval_minutes'])).toBeUndefined();
  });
});
