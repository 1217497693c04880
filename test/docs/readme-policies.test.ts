import { readFileSync } from 'node:fs';
import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from '../helpers/markdown-blocks.js';

/**
 * Every policy the README shows (a YAML block that starts a policy with `version: 1`) is one the
 * CLI accepts with no finding: a key renamed or removed in the schema breaks this, not a reader.
 * A block that names another file (`# slipway.tests.yaml`) is that file's to check.
 */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const policies = fencedBlocks(readme).filter(
  (b) =>
    b.lang === 'yaml' &&
    !b.text.startsWith('# slipway.tests.yaml') &&
    /^(#[^\n]*\n)*version: 1$/m.test(b.text.split('\n').slice(0, 3).join('\n')),
);

describe('the README policy examples', () => {
  it('are found: the full policy and the deploy quick start at least', () => {
    expect(policies.length).toBeGreaterThanOrEqual(2);
    expect(policies.some((b) => b.text.includes('agents:') && b.text.includes('migrations:'))).toBe(true);
  });

  for (const b of policies)
    it(`README.md:${b.line} is a valid policy with no finding`, () => {
      const parsed = parsePolicyText(b.text, 'slipway.yaml');
      expect(parsed.findings.map((f) => `${f.rule} line ${f.range.start.line + 1}: ${f.message}`)).toEqual(
        [],
      );
      expect(parsed.document).toBeDefined();
    });
});
