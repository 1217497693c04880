import { describe, expect, it } from 'vitest';
import type { JsBuilderStep } from '../../src/migrations/js-builder-call.js';
import { readJsMigration } from '../../src/migrations/js-module.js';
import { renderJsMigration } from '../../src/trace/render-js.js';

/**
 * How trace places what Kysely compiles (render-js.ts), apart from Kysely: the renderer here is a
 * stand-in that writes each chain's methods (the real one, Kysely itself, is tested with the CLI:
 * packages/cli/test/trace/kysely-renderer.test.ts). What is under test: a chain is one statement at
 * the line of its run, in the order written among the SQL texts; what is read as data and what is
 * not; and what is said when nothing can render.
 */
const src = `import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql\`CREATE TABLE first (id int)\`.execute(db);
  await db.schema
    .alterTable('first')
    .addColumn('a', 'text', (col) => col.notNull().defaultTo(sql\`'x'\`))
    .execute();
  const name = process.env.NAME;
  await db.schema.alterTable('first').dropColumn(name).execute();
  await db.deleteFrom('first').execute();
  await sql\`SELECT 1\`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {}
`;
const FILE = 'src/migrations/2024_01_01_a.ts';
const module = readJsMigration(FILE, src, 'kysely');
const written = (steps: readonly JsBuilderStep[]) => `SELECT '${steps.map((s) => s.call.method).join(' ')}'`;

describe('Kysely chains in the trace plan', () => {
  it('the reader keeps a chain whose every argument is known, with its callback as one chain', () => {
    expect(module.jsBuilders?.map((c) => [c.line, c.steps.map((s) => s.call)])).toEqual([
      [
        5,
        [
          { method: 'alterTable', args: ['first'] },
          {
            method: 'addColumn',
            args: [
              'a',
              'text',
              {
                builder: [
                  [
                    { method: 'notNull', args: [] },
                    { method: 'defaultTo', args: [{ raw: "'x'" }] },
                  ],
                ],
                lines: [7],
              },
            ],
          },
        ],
      ],
    ]);
  });

  it('a compiled chain runs once, at its line, among the SQL texts; the rest is listed with why', () => {
    const r = renderJsMigration(FILE, module, { kysely: (steps) => ({ sql: [written(steps)] }) });
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [4, 'CREATE TABLE first (id int)'],
      [5, "SELECT 'alterTable addColumn'"],
      [12, 'SELECT 1'],
    ]);
    expect(r.notTraced.map((n) => [n.line, n.cause])).toEqual([
      [10, 'Kysely builder calls whose arguments are not literals'],
      [11, 'Kysely query builder calls (rows): trace renders the schema builder only'],
    ]);
  });

  it('a chain Kysely refuses is listed with what Kysely said, not run', () => {
    const r = renderJsMigration(FILE, module, { kysely: () => ({ why: 'invalid column data type "x"' }) });
    expect(r.statements.map((s) => s.line)).toEqual([4, 12]);
    expect(r.notTraced[0]?.reason).toMatch(
      /^a Kysely builder call \(.*\): Kysely could not render it \(invalid column data type "x"\)$/,
    );
  });

  it('without Kysely at hand, every schema chain says so and why', () => {
    const r = renderJsMigration(FILE, module, { kyselyMissing: 'Kysely is not installed here' });
    expect(r.statements.map((s) => s.line)).toEqual([4, 12]);
    expect(r.notTraced.map((n) => [n.line, n.cause])).toEqual([
      [5, 'Kysely builder calls: Kysely is not installed beside Slipway'],
      [10, 'Kysely builder calls: Kysely is not installed beside Slipway'],
      [11, 'Kysely query builder calls (rows): trace renders the schema builder only'],
    ]);
    expect(r.notTraced[0]?.reason).toContain(
      'Kysely is needed to render it to SQL and Kysely is not installed here',
    );
  });

  it('near miss: a Knex renderer does not render a Kysely chain', () => {
    const r = renderJsMigration(FILE, module, { knex: () => ({ sql: ['SELECT 2'] }) });
    expect(r.statements.map((s) => s.sql)).toEqual(['CREATE TABLE first (id int)', 'SELECT 1']);
  });
});
