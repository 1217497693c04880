import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * MIG045's fixtures run on a real PostgreSQL (PGlite, 18): what the rule flags fails there with
 * PostgreSQL's own "unsafe use of new value", and its near misses run. Each file runs as psql
 * runs it (statement by statement, its BEGIN ... COMMIT as written); the goose case in the
 * transaction goose wraps it in.
 */
const FIXTURES = fileURLToPath(
  new URL('../../../policy-core/test/rules/migrations/fixtures/MIG045/', import.meta.url),
);
const sql = (name: string) => readFileSync(`${FIXTURES}${name}/db/migrations/001_m.sql`, 'utf8');
const BASE = `CREATE TYPE order_status AS ENUM ('open', 'closed');
CREATE TABLE orders (id int, status order_status, note text);`;

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(BASE);
});
afterAll(() => db.close());

/**
 * Runs `text` one statement at a time, as psql sends a file (one query holding several statements
 * would run them in one implicit transaction), then puts the base schema back.
 */
async function run(text: string): Promise<string | undefined> {
  try {
    for (const statement of text.split(/;\n/).filter((s) => s.replace(/--.*$/gm, '').trim() !== ''))
      await db.exec(`${statement};`);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
    await db.exec(
      `DROP TABLE IF EXISTS orders; DROP TYPE IF EXISTS order_status; DROP TYPE IF EXISTS ticket_state; ${BASE}`,
    );
  }
}

describe('MIG045 on PostgreSQL', () => {
  it('the flagged .sql migration fails where the rule says', async () => {
    expect(await run(sql('trigger-sql'))).toMatch(
      /unsafe use of new value "archived" of enum type order_status/,
    );
  });

  it("the flagged goose migration fails in goose's transaction", async () => {
    const up = sql('trigger-runner').split('-- +goose Down')[0] as string;
    expect(await run(`BEGIN;\n${up}\nCOMMIT;`)).toMatch(/unsafe use of new value "archived"/);
  });

  it('near miss: the value used after its own commit, and an enum made in the same transaction, run', async () => {
    expect(await run(sql('near-miss-sql'))).toBeUndefined();
  });
});
