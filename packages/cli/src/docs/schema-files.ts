import {
  auditEventJsonSchema,
  deployRecordJsonSchema,
  policyJsonSchema,
  policyTestsJsonSchema,
} from '@slipway/policy-core';

/**
 * The JSON Schemas Slipway publishes, each generated from the zod schema the CLI validates with.
 * `slipway schema` prints them; `pnpm gen-docs` writes them to docs/schemas/ so that they can be
 * referenced without installing Slipway, and a test fails when a committed file is stale.
 */
export interface SchemaFile {
  /** The `slipway schema` flag that prints it (none for the policy, the default). */
  flag?: '--record' | '--audit-event' | '--tests';
  /** Where `pnpm gen-docs` writes it, relative to the repository root. */
  path: string;
  generate: () => Record<string, unknown>;
}

export const SCHEMA_FILES: readonly SchemaFile[] = [
  { path: 'docs/schemas/policy.schema.json', generate: policyJsonSchema },
  { flag: '--record', path: 'docs/schemas/deploy-record.schema.json', generate: deployRecordJsonSchema },
  { flag: '--audit-event', path: 'docs/schemas/audit-event.schema.json', generate: auditEventJsonSchema },
  { flag: '--tests', path: 'docs/schemas/policy-tests.schema.json', generate: policyTestsJsonSchema },
];

/**
 * The published @slipway/policy-core carries the same files (`schemas/`, in its `exports`), so a
 * tool that depends on it validates offline with the schema of the version it installed.
 */
export const PACKAGE_SCHEMA_DIR = 'packages/policy-core/schemas';

/** Every place a schema file is committed: docs/schemas/ and the core package's schemas/. */
export function schemaCopies(file: SchemaFile): string[] {
  return [file.path, `${PACKAGE_SCHEMA_DIR}/${file.path.slice(file.path.lastIndexOf('/') + 1)}`];
}

/** The exact text printed and committed: one formatting, so the staleness test compares bytes. */
export function schemaText(file: SchemaFile): string {
  return `${JSON.stringify(file.generate(), null, 2)}\n`;
}
