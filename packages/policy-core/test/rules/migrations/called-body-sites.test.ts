import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * A finding in a function of the migration's own file that up() ran (a TypeORM method per
 * database, a Knex module function) sits on the helper's statement; the call that ran it is
 * named beside it as a related location, so the reader sees why, and from where.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  knex: db/migrations\n  typeorm: src/migrations\n';
const INIT = `exports.up = (knex) => knex.schema.createTable("orders", (t) => { t.increments("id"); });
exports.down = (knex) => knex.schema.dropTable("orders");
`;

function findings(path: string, text: string) {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'db/migrations/20240101000000_init.js': INIT,
    [path]: text,
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.file === path && f.rule === 'MIG001')
    .map((f) => ({
      line: f.range.start.line + 1,
      related: (f.related ?? []).map((r) => `${r.range.start.line + 1}: ${r.message}`),
    }));
}

const TYPEORM = (up: string, helpers: string) =>
  `export class Drop1706832000000 {\n  async up(queryRunner) {\n${up}\n  }\n${helpers}\n  async down() {}\n}\n`;

describe('a finding in a function up() ran', () => {
  it('names the call that ran it, each call of a helper called twice, and the chain up to up()', () => {
    const text = TYPEORM(
      '    await this.pg(queryRunner);\n    await this.pg(queryRunner);',
      "  async pg(qr) {\n    await this.drop(qr);\n  }\n  async drop(q) {\n    await q.query('DROP TABLE orders');\n  }",
    );
    expect(findings('src/migrations/1706832000000-Drop.ts', text)).toEqual([
      {
        line: 10,
        related: [
          '7: runs from here: the call to this.drop()',
          '3: runs from here: the call to this.pg()',
          '4: runs from here: the call to this.pg()',
        ],
      },
    ]);
  });

  it('Knex: a module function handed the handle', () => {
    const text =
      "async function dropOrders(k) {\n  await k.schema.dropTable('orders');\n}\nexports.up = async (knex) => {\n  await dropOrders(knex);\n};\nexports.down = async () => {};\n";
    expect(findings('db/migrations/20240202000000_drop.js', text)).toEqual([
      { line: 2, related: ['5: runs from here: the call to dropOrders()'] },
    ]);
  });

  it('near miss: a statement written in up() itself names no call', () => {
    const text = TYPEORM("    await queryRunner.query('DROP TABLE orders');", '');
    expect(findings('src/migrations/1706832000000-Drop.ts', text)).toEqual([{ line: 3, related: [] }]);
  });
});
