import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const at = (r: { start: { line: number; character: number } }) => [r.start.line + 1, r.start.character + 1];

describe('parsePolicyText (YAML)', () => {
  it('accepts the design sketch and fills defaults', () => {
    const { document, findings } = parsePolicyText(
      'version: 1\nprotected:\n  paths: [backend/app/core/]\nagents:\n  allowed: [/docs/*.md]\n',
    );
    expect(findings).toEqual([]);
    expect(document?.policy.production_branch).toBe('main');
    expect(document?.policy.protected?.label).toBe('approved-core-change');
    expect(document?.policy.agents?.branches).toEqual(['auto/*']);
  });

  it('points a type error at the offending value', () => {
    const { document, findings } = parsePolicyText('version: 1\nprotected:\n  label: x\n  paths: [a/, 3]\n');
    expect(document).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]?.rule).toBe('POL001');
    expect(at(findings[0]!.range)).toEqual([4, 15]);
    expect(findings[0]?.message).toContain('protected.paths[1]');
  });

  it('points an unknown key at the key itself', () => {
    const { findings } = parsePolicyText('version: 1\nagents:\n  branchs: [x]\n');
    expect(findings[0]?.message).toContain('unknown key `agents.branchs`');
    expect(findings[0]?.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
  });

  it('reports a missing required key at its parent', () => {
    const { findings } = parsePolicyText('version: 1\nprotected:\n  label: x\n');
    expect(findings[0]?.message).toContain('`protected.paths` is required');
    expect(at(findings[0]!.range)[0]).toBe(2);
  });

  it('rejects other versions and says what to write', () => {
    const { findings } = parsePolicyText('version: 2\n');
    expect(findings[0]?.message).toContain('set `version: 1`');
    expect(at(findings[0]!.range)).toEqual([1, 10]);
  });

  it('reports YAML syntax errors with their position', () => {
    const { findings } = parsePolicyText('version: 1\nprotected:\n  paths: [a/\n');
    expect(findings[0]?.message).toMatch(/^invalid policy: invalid YAML/);
    expect(findings[0]?.range.start.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys', () => {
    const { findings } = parsePolicyText('version: 1\nversion: 1\n');
    expect(findings[0]?.message).toMatch(/unique|duplicate/i);
    expect(findings[0]?.range.start.line).toBe(1);
  });

  it('treats an empty file as missing `version`', () => {
    const { findings } = parsePolicyText('');
    expect(findings[0]?.message).toContain('`version` is required');
  });

  it('ignores a byte-order mark and CRLF line ends', () => {
    const { document } = parsePolicyText(
      '\ufeffversion: 1\r\nprotected:\r\n  paths:\r\n    - a/\r\n    - b/\r\n',
    );
    expect(document?.policy.protected?.paths).toEqual(['a/', 'b/']);
    expect(document?.locate(['protected', 'paths', 1])).toEqual({
      start: { line: 4, character: 6 },
      end: { line: 4, character: 8 },
    });
  });

  it('locates keys and values; falls back to the nearest ancestor', () => {
    const { document } = parsePolicyText('version: 1\nprotected:\n  paths:\n    - a/\n    - b/\n');
    expect(document?.locate(['protected', 'paths'], 'key')).toEqual({
      start: { line: 2, character: 2 },
      end: { line: 2, character: 7 },
    });
    // `label` is defaulted: not in the file; the finding lands on `protected`.
    expect(document?.locate(['protected', 'label']).start.line).toBe(1);
  });

  it('reports a pattern that cannot mean what it says at that pattern', () => {
    const { findings } = parsePolicyText('version: 1\nprotected:\n  paths: [ok/, "a***b", ""]\n');
    expect(findings.map((f) => [f.range.start.character, f.message.split(': ')[1]])).toEqual([
      [15, '`protected.paths[1]`'],
      [24, '`protected.paths[2]`'],
    ]);
    expect(findings[0]?.message).toContain('use `**`');
  });

  it('does not throw on hostile input', () => {
    for (const text of [
      '[1, 2]',
      '"just a string"',
      '&a [*a]',
      'a: !!binary x',
      '- - - -',
      '{{{',
      '\u0000\u0001',
    ]) {
      const r = parsePolicyText(text);
      expect(r.document).toBeUndefined();
      expect(r.findings.length).toBeGreaterThan(0);
    }
  });
});

describe('parsePolicyText (TOML)', () => {
  const toml =
    'version = 1\n[protected]\nlabel = "l"\npaths = ["a/", "b/",\n  "c"]\n\n[agents]\nallowed = ["/docs/*.md"]\n';

  it('parses and locates array items, keys and tables', () => {
    const { document, findings } = parsePolicyText(toml, 'slipway.toml');
    expect(findings).toEqual([]);
    expect(document?.format).toBe('toml');
    expect(document?.policy.protected?.paths).toEqual(['a/', 'b/', 'c']);
    expect(document?.locate(['protected', 'paths', 2])).toEqual({
      start: { line: 4, character: 2 },
      end: { line: 4, character: 5 },
    });
    expect(document?.locate(['protected', 'label'], 'key')).toEqual({
      start: { line: 2, character: 0 },
      end: { line: 2, character: 5 },
    });
    expect(document?.locate(['agents', 'allowed', 0]).start).toEqual({ line: 7, character: 11 });
  });

  it('points schema errors at the value', () => {
    const { findings } = parsePolicyText('version = 1\n[agents]\nbranches = [1]\n', 'slipway.toml');
    expect(findings[0]?.message).toContain('agents.branches[0]');
    expect(at(findings[0]!.range)).toEqual([3, 13]);
  });

  it('reports syntax errors with line and column', () => {
    const { findings } = parsePolicyText('version = 1\nx = \n', 'slipway.toml');
    expect(findings[0]?.message).toMatch(/^invalid policy: invalid TOML/);
    expect(findings[0]?.range.start.line).toBe(1);
  });
});
