import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, schemaCopies, schemaText } from '../../packages/cli/src/docs/schema-files.js';

const root = new URL('../../', import.meta.url);

describe('docs/schemas', () => {
  it.each(SCHEMA_FILES.flatMap((f) => schemaCopies(f).map((path) => [path, f] as const)))(
    '%s is current (run `pnpm gen-docs`)',
    (path, file) => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(schemaText(file));
    },
  );

  it('each $id is where the file is committed, in this repository', () => {
    for (const file of SCHEMA_FILES)
      expect(file.generate().$id).toBe(
        `https://raw.githubusercontent.com/slipway-dev/slipway/main/${file.path}`,
      );
  });

  it('ships the policy, the deploy record, the audit event and the policy test cases', () => {
    expect(SCHEMA_FILES.map((f) => f.path).sort()).toEqual([
      'docs/schemas/audit-event.schema.json',
      'docs/schemas/deploy-record.schema.json',
      'docs/schemas/policy-tests.schema.json',
      'docs/schemas/policy.schema.json',
    ]);
  });
});
