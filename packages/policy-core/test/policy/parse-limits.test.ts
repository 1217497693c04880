import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { parsePolicyText } from '../../src/policy/parse.js';

/** The one finding of a refused policy: its place and its message. */
function refusal(text: string, file = 'slipway.yaml') {
  const r = parsePolicyText(text, file);
  expect(r.document).toBeUndefined();
  expect(r.findings).toHaveLength(1);
  const f = r.findings[0];
  return {
    rule: f?.rule,
    at: [f?.range.start.line, f?.range.start.character, f?.range.end.character],
    message: f?.message,
  };
}

/** A valid policy padded with a comment to exactly `n` characters. */
function sized(n: number, format: 'yaml' | 'toml' = 'yaml'): string {
  const head = 'version: 1\n# ';
  return format === 'yaml' ? `${head}${'x'.repeat(n - head.length)}` : `version = 1\n# ${'x'.repeat(n - 14)}`;
}

/**
 * What parsePolicyText refuses before any parser runs, each at its place, with its near miss:
 * the size cap, text that is not UTF-8, nesting past the depth limit (YAML flow and block, TOML).
 */
describe('parsePolicyText: the limits checked before parsing', () => {
  const { chars, depth } = LIMITS.policy;

  it('a policy of the cap is read; one character more is refused at the top, saying the sizes', () => {
    expect(parsePolicyText(sized(chars)).document).toBeDefined();
    expect(refusal(sized(chars + 1))).toEqual({
      rule: 'POL001',
      at: [0, 0, 0],
      message: expect.stringMatching(
        /^invalid policy: the policy file is 1\.0 MB, more than the 1\.0 MB a policy may be; a policy is a page of settings\.$/,
      ),
    });
    // TOML too, and the byte-order mark is not counted (nor kept).
    expect(parsePolicyText(sized(chars, 'toml'), 'slipway.toml').document).toBeDefined();
    const bom = parsePolicyText(`\ufeff${sized(chars)}`);
    expect(bom.document?.text.startsWith('version: 1')).toBe(true);
  });

  it('a NUL or a replacement character (not UTF-8 text) is refused where it is', () => {
    expect(refusal('version: 1\nprotected:\n  paths: [a\u0000b]\n')).toEqual({
      rule: 'POL001',
      at: [2, 11, 12],
      message:
        'invalid policy: the policy file is not UTF-8 text (binary content or another encoding); save it as UTF-8.',
    });
    expect(refusal('version: 1\n# caf\ufffd\n').at).toEqual([1, 5, 6]);
    expect(parsePolicyText('version: 1\n# café\n').document).toBeDefined();
  });

  it(`nesting past ${depth} levels is refused at the bracket that passes it; ${depth} levels are read`, () => {
    const flow = (n: number) => `version: 1\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(refusal(flow(depth)).message).not.toMatch(/nest more than/);
    expect(refusal(flow(depth + 1))).toEqual({
      rule: 'POL001',
      at: [1, 3 + depth, 4 + depth],
      message: `invalid policy: lists and tables nest more than ${depth} levels deep here; a policy needs three or four.`,
    });
    const block = (n: number) => `version: 1\nx:\n  ${'- '.repeat(n)}a\n`;
    expect(refusal(block(depth + 1)).message).toMatch(/nest more than/);
    const toml = (n: number) => `version = 1\nx = ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(refusal(toml(depth + 1), 'slipway.toml')).toMatchObject({ at: [1, 4 + depth, 5 + depth] });
    // YAML's block nesting is not counted in TOML, where `- ` means nothing.
    expect(refusal(`version = 1\nx = "${'- '.repeat(depth + 1)}"\n`, 'slipway.toml').message).not.toMatch(
      /nest/,
    );
  });

  it("a TOML syntax error's message is @iarna/toml's without its own position (the finding has it)", () => {
    const r = refusal('version = 1\nx = [1,\n', 'slipway.toml');
    expect(r.rule).toBe('POL001');
    expect(r.message).not.toMatch(/at row \d+, col \d+, pos \d+/);
    expect(r.message).toMatch(/^invalid TOML|TOML/);
  });

  it('a misspelt key is reported before the required key it stands for', () => {
    const r = parsePolicyText('version: 1\nprotected:\n  path: [a]\n');
    expect(r.findings[0]?.message).toMatch(/path/);
    expect(r.findings[0]?.message).toMatch(/unrecognized|unknown|not a key|did you mean/i);
  });
});
