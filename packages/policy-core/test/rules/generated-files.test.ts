import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedRuleFiles } from '../../../../scripts/rule-files.js';

const root = new URL('../../../../', import.meta.url);

/**
 * The generated files' text is what `pnpm gen-rules` writes (it reads the rule files' text). What
 * they mean, against the rules themselves, is rule-lists.test.ts: a mutation run judges by that
 * file, since Stryker's instrumented copy of a rule file generates other text.
 */
describe('the files generated from the rule files', () => {
  for (const [path, text] of Object.entries(generatedRuleFiles(fileURLToPath(root))))
    it(`${path} is current (run \`pnpm gen-rules\`)`, () => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(text);
    });
});
