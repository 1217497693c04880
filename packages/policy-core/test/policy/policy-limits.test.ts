import { describe, expect, it } from 'vitest';
import { nestingPastLimit, yamlBlockNestingPastLimit } from '../../src/limits.js';
import { parsePolicyText } from '../../src/policy/parse.js';

describe('policy limits', () => {
  it('refuses a billion-laughs document quickly, naming the attack', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `version: 1\nx:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const r = parsePolicyText(text);
    expect(r.document).toBeUndefined();
    expect(r.findings[0]?.message).toMatch(/billion laughs/);
  });

  it('refuses paths that leave the repository at the offending value', () => {
    const r = parsePolicyText('version: 1\ndeploy:\n  record: /etc/passwd\n  audit_log: a/../../b\n');
    expect(r.findings.map((f) => `${f.range.start.line}: ${f.message}`)).toEqual([
      expect.stringMatching(/^2: .*`\/etc\/passwd` is an absolute path/),
      expect.stringMatching(/^3: .*`a\/\.\.\/\.\.\/b` climbs out with `\.\.`/),
    ]);
  });

  it('counts nesting outside strings and comments only', () => {
    expect(nestingPastLimit('x: "[[[[[" # [[[[[\ny: [[1]]\n', 2)).toBe(-1);
    expect(nestingPastLimit('y: [[[1]]]\n', 2)).toBe(5);
    expect(yamlBlockNestingPastLimit('a:\n  - - - b\n', 2)).toBe(9);
    expect(yamlBlockNestingPastLimit('a:\n  - - b\n', 2)).toBe(-1);
  });
});
