import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * MIG026's advice in the form the migration is written in: a JavaScript builder has no
 * `postgresql_not_valid=True` (Alembic's option), so the way to NOT VALID is the tool's own SQL
 * call, as MIG025 already says for a foreign key.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  knex: db/migrations\n  typeorm: src/migrations\n';
const INIT = `exports.up = (knex) => knex.schema.createTable("orders", (t) => { t.increments("id"); t.integer("qty"); });
exports.down = (knex) => knex.schema.dropTable("orders");
`;

function mig026(path: string, text: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'db/migrations/20240101000000_init.js': INIT,
    [path]: text,
  });
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return findings.filter((f) => f.file === path && f.rule === 'MIG026').map((f) => f.message);
}

describe("MIG026's advice to a JavaScript migration", () => {
  it('Knex: NOT VALID in SQL through knex.raw', () => {
    const messages = mig026(
      'db/migrations/20240202000000_qty.js',
      'exports.up = (knex) => knex.schema.alterTable("orders", (t) => { t.check("qty > 0", [], "qty_positive"); });\nexports.down = async () => {};\n',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('add it NOT VALID in SQL (knex.raw)');
    expect(messages[0]).not.toContain('postgresql_not_valid');
  });

  it('TypeORM: NOT VALID in SQL through queryRunner.query', () => {
    const messages = mig026(
      'src/migrations/1706832000000-Qty.ts',
      'import { MigrationInterface, QueryRunner, TableCheck } from "typeorm";\nexport class Qty1706832000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.createCheckConstraint("orders", new TableCheck({ name: "qty_positive", expression: "qty > 0" }));\n  }\n  async down(): Promise<void> {}\n}\n',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('add it NOT VALID in SQL (queryRunner.query)');
  });

  it('near miss: a check written as SQL keeps the SQL advice', () => {
    const messages = mig026(
      'db/migrations/20240202000000_qty.js',
      'exports.up = (knex) => knex.raw("ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0)");\nexports.down = async () => {};\n',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('add it NOT VALID and VALIDATE CONSTRAINT separately');
  });
});
