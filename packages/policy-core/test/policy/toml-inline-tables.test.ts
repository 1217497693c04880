import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** [line, column], 1-based, of a range's start. */
const at = (r: { start: { line: number; character: number } }) => [r.start.line + 1, r.start.character + 1];

describe('TOML inline tables: errors point at the key or value inside the braces', () => {
  it('an unknown key inside an inline table', () => {
    const { findings } = parsePolicyText(
      'version = 1\nprotected = { label = "x", pathz = ["a"] }\n',
      'slipway.toml',
    );
    expect(findings[0]?.message).toContain('unknown key `protected.pathz`');
    expect(at(findings[0]!.range)).toEqual([2, 28]);
  });

  it('a bad value inside an inline table, and inside a nested one', () => {
    const one = parsePolicyText(
      'version = 1\nprotected = { label = "x", paths = ["a", "#b"] }\n',
      'slipway.toml',
    );
    expect(one.findings[0]?.message).toContain('protected.paths[1]');
    expect(at(one.findings[0]!.range)).toEqual([2, 42]);
    const nested = parsePolicyText(
      'version = 1\n[protected]\nlabel = "x"\npaths = ["a"]\n[agents]\nx = { y = 1 }\n',
      'slipway.toml',
    );
    expect(at(nested.findings[0]!.range)).toEqual([6, 1]);
  });

  it('inline tables inside an array are located by index', () => {
    const { document, findings } = parsePolicyText(
      'version = 1\ndependencies = [\n  { requirements = "a.txt", lock = "a.lock" },\n  { requirements = "b.txt", lock = "b.lock" },\n]\n',
      'slipway.toml',
    );
    expect(findings).toEqual([]);
    expect(at(document!.locate(['dependencies', 1, 'lock'], 'key'))).toEqual([4, 29]);
    expect(at(document!.locate(['dependencies', 1, 'lock']))).toEqual([4, 36]);
  });

  it('keys of a [table] are still found as before (near miss)', () => {
    const { findings } = parsePolicyText(
      'version = 1\n[protected]\nlabel = "x"\npathz = ["a"]\n',
      'slipway.toml',
    );
    expect(at(findings[0]!.range)).toEqual([4, 1]);
  });
});

describe('TOML arrays of tables', () => {
  it('an array of tables where a table belongs points at its first header', () => {
    const { findings } = parsePolicyText('version = 1\n[[protected]]\nlabel = "x"\n', 'slipway.toml');
    expect(findings[0]?.message).toContain('`protected`');
    expect(at(findings[0]!.range)).toEqual([2, 1]);
  });

  it('keys inside the second [[table]] are found by index (near miss)', () => {
    const { document } = parsePolicyText(
      'version = 1\n[[dependencies]]\nrequirements = "a.txt"\nlock = "a.lock"\n[[dependencies]]\nrequirements = "b.txt"\nlock = "b.lock"\n',
      'slipway.toml',
    );
    expect(at(document!.locate(['dependencies', 1, 'lock'], 'key'))).toEqual([7, 1]);
  });
});
