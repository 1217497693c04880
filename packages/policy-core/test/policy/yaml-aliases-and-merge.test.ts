import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** [line, column], 1-based, of a range's start. */
const at = (r: { start: { line: number; character: number } }) => [r.start.line + 1, r.start.character + 1];

describe('YAML anchors, aliases and merge keys in the policy', () => {
  it('an alias to an undefined anchor is a POL001 at the alias, not a crash', () => {
    const { document, findings } = parsePolicyText(
      'version: 1\nagents:\n  allowed: [a]\n  branches: *nope\n',
    );
    expect(document).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]?.rule).toBe('POL001');
    expect(findings[0]?.message).toContain('`*nope`');
    expect(at(findings[0]!.range)).toEqual([4, 13]);
  });

  it('an alias to an anchor defined earlier is fine (near miss)', () => {
    const { document, findings } = parsePolicyText(
      'version: 1\nprotected:\n  label: x\n  paths: &p [a/]\nagents:\n  allowed: *p\n',
    );
    expect(findings).toEqual([]);
    expect(document?.policy.agents?.allowed).toEqual(['a/']);
  });

  it('a problem inside an aliased value points into the anchor it names', () => {
    const { findings } = parsePolicyText(
      'version: 1\nprotected:\n  label: x\n  paths: [a/]\nagents:\n  <<: &base\n    allowed: [a, "#b"]\n',
    );
    expect(findings[0]?.message).toContain('agents.allowed[1]');
    expect(at(findings[0]!.range)).toEqual([7, 18]);
  });

  it('merge keys (`<<`) merge the mapping they name, and explicit keys win', () => {
    const { document, findings } = parsePolicyText(
      [
        'version: 1',
        'defaults: &prot',
        '  label: from-anchor',
        '  paths: [core/]',
        'protected:',
        '  <<: *prot',
        '  label: explicit',
        '',
      ].join('\n'),
    );
    // `defaults` itself is still an unknown key: anchors live under keys Slipway knows.
    expect(findings[0]?.message).toContain('unknown key `defaults`');
    const ok = parsePolicyText(
      [
        'version: 1',
        'protected:',
        '  <<: {label: from-merge, paths: [core/]}',
        '  label: explicit',
        'agents:',
        '  <<: [{allowed: [docs/]}, {allowed: [other/], branches: ["bot/*"]}]',
        '',
      ].join('\n'),
    );
    expect(ok.findings).toEqual([]);
    expect(ok.document?.policy.protected).toEqual({ label: 'explicit', paths: ['core/'] });
    expect(ok.document?.policy.agents?.allowed).toEqual(['docs/']);
    expect(ok.document?.policy.agents?.branches).toEqual(['bot/*']);
    void document;
  });

  it('an unknown key that arrives through a merge key is reported where it is written', () => {
    const { findings } = parsePolicyText(
      'version: 1\nprotected:\n  <<: {label: l, pathz: [a]}\n  paths: [a]\n',
    );
    expect(findings[0]?.message).toContain('unknown key `protected.pathz`');
    expect(at(findings[0]!.range)).toEqual([3, 18]);
  });

  it('a file of several YAML documents says so in plain words', () => {
    const { findings } = parsePolicyText('version: 1\n---\nversion: 1\n');
    expect(findings[0]?.message).not.toMatch(/parseAllDocuments/);
    expect(findings[0]?.message).toContain('---');
    expect(at(findings[0]!.range)[0]).toBe(2);
  });
});

describe('where a YAML policy path is located', () => {
  const at = (text: string, path: (string | number)[], part: 'key' | 'value' = 'value') => {
    const parsed = parsePolicyText(text);
    if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
    const r = parsed.document.locate(path, part);
    return [r.start.line, r.start.character, r.end.line, r.end.character];
  };
  const TEXT = 'version: 1\nprotected:\n  label: x\n  paths: [a]\nagents:\n  allowed:\n    - docs/\n';

  it('a block value ends on its last line, not after its newline', () => {
    expect(at(TEXT, ['protected'])).toEqual([2, 2, 3, 12]);
    expect(at(TEXT, ['agents', 'allowed'])).toEqual([6, 4, 6, 11]);
  });

  it('a key not written: at the first line at the top level, at its parent key below it', () => {
    expect(at(TEXT, ['migrations'])).toEqual([0, 0, 0, 0]);
    expect(at(TEXT, ['label'])).toEqual([0, 0, 0, 0]);
    expect(at(TEXT, ['protected', 'extra'])).toEqual([1, 0, 1, 9]);
    expect(at(TEXT, ['agents', 'allowed', 4])).toEqual([5, 2, 5, 9]);
  });
});
