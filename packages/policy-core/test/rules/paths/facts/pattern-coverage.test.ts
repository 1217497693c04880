import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../../src/policy/parse.js';
import { patternCoverage } from '../../../../src/rules/paths/facts/pattern-coverage.js';

/**
 * How many files each pattern of `protected.paths` and `agents.allowed` decides (the last that
 * matches, as in .gitignore), for the editor's lens over the policy: a pattern deciding nothing is
 * stale or always overridden.
 */
const POLICY = `version: 1
protected:
  paths:
    - core/
    - core/vendor/
agents:
  branches: ["auto/*"]
  allowed:
    - docs/
    - "!docs/private/"
`;
function doc(text = POLICY) {
  const parsed = parsePolicyText(text, 'slipway.yaml').document;
  if (!parsed) throw new Error('test policy is invalid');
  return parsed;
}
const FILES = [
  'core/a.py',
  'core/b.py',
  'core/c.py',
  'core/vendor/x.py',
  'docs/a.md',
  'docs/private/k.md',
  'README.md',
];
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe('patternCoverage', () => {
  it('each pattern: the files it decides (a later pattern wins), a few examples, where it is', () => {
    expect(patternCoverage(doc(), FILES, 2)).toEqual([
      {
        list: 'protected.paths',
        pattern: 'core/',
        range: at(3, 6, 11),
        negated: false,
        decides: 3,
        examples: ['core/a.py', 'core/b.py'],
      },
      {
        list: 'protected.paths',
        pattern: 'core/vendor/',
        range: at(4, 6, 18),
        negated: false,
        decides: 1,
        examples: ['core/vendor/x.py'],
      },
      {
        list: 'agents.allowed',
        pattern: 'docs/',
        range: at(8, 6, 11),
        negated: false,
        decides: 1,
        examples: ['docs/a.md'],
      },
      {
        list: 'agents.allowed',
        pattern: '!docs/private/',
        range: at(9, 6, 22),
        negated: true,
        decides: 1,
        examples: ['docs/private/k.md'],
      },
    ]);
  });

  it('five examples unless told otherwise', () => {
    const many = Array.from({ length: 7 }, (_, i) => `core/m${i}.py`);
    const [core] = patternCoverage(doc(), many);
    expect(core).toMatchObject({ decides: 7, examples: many.slice(0, 5) });
  });

  it('a list the policy lacks has no entries; a pattern that decides nothing has none and no examples', () => {
    const only = doc('version: 1\nprotected:\n  paths: [core/, gone/]\n');
    expect(
      patternCoverage(only, ['core/a.py']).map((c) => [c.list, c.pattern, c.decides, c.examples]),
    ).toEqual([
      ['protected.paths', 'core/', 1, ['core/a.py']],
      ['protected.paths', 'gone/', 0, []],
    ]);
  });

  it('is computed once per policy and listing; another listing is counted afresh', () => {
    const d = doc();
    const first = patternCoverage(d, FILES);
    expect(patternCoverage(d, FILES)).toBe(first);
    const other = patternCoverage(d, ['core/a.py']);
    expect(other).not.toBe(first);
    expect(other[0]?.decides).toBe(1);
  });
});
