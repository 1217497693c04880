import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSql, sqlStatements } from '../helpers/fixture-sql.js';
import { type PgServer, startPostgres } from '../helpers/postgres.js';

/**
 * MIG001's swap under row security, on a real PostgreSQL as a deploy runs it: by the role that
 * owns the database and its tables, not a superuser (who reads every row whatever the policies;
 * PGlite runs as one, so it cannot show this). Four rows seeded, two per tenant; the fixture's
 * swap run statement by statement; the rows counted after it by the superuser.
 */
const file = (fixture: string, name: string) => fixtureSql('MIG001', fixture, name);
const statements = sqlStatements;

let server: PgServer;
let databases = 0;
beforeAll(async () => {
  server = await startPostgres();
  await server.sql("CREATE ROLE app LOGIN PASSWORD 'app'");
}, 120_000);
afterAll(() => server?.stop());

/** Runs `migration` as the owner `app` in a new database; what each statement did (an error's message). */
async function runAsOwner(
  init: string,
  migration: string[],
  seed = "INSERT INTO users VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b')",
): Promise<{ steps: string[]; rows: number }> {
  const db = `swap${++databases}`;
  await server.sql(`CREATE DATABASE ${db} OWNER app`);
  const client = new pg.Client({ connectionString: server.url(db, 'app', 'app') });
  await client.connect();
  const steps: string[] = [];
  try {
    await client.query(init);
    if (seed) await client.query(seed);
    for (const s of migration)
      steps.push(
        await client.query(s).then(
          (r) => `${r.command} ${r.rowCount ?? ''}`.trim(),
          (err: Error) => `ERROR ${err.message}`,
        ),
      );
  } finally {
    await client.end();
  }
  const [count] = await server.sql('SELECT count(*)::int AS n FROM users', db);
  return { steps, rows: count?.n as number };
}

describe('MIG001: a swap copy read under row security, on PostgreSQL', () => {
  it("a policy forced on the old table before the copy: its owner's copy keeps 2 rows of 4, silently", async () => {
    const fixture = 'trigger-swap-copy-under-row-security';
    const run = await runAsOwner(file(fixture, '001_init.sql'), statements(file(fixture, '005_swap.sql')));
    expect(run.steps).toContain('INSERT 2');
    expect(run.steps.filter((s) => s.startsWith('ERROR'))).toEqual([]);
    expect(run.rows).toBe(2);
  });

  it('near miss: policies on the new table (an insert policy letting every row in) keep all 4 rows', async () => {
    const fixture = 'near-miss-swap-copy-row-security-elsewhere';
    const run = await runAsOwner(file(fixture, '001_init.sql'), statements(file(fixture, '005_swap.sql')));
    expect(run.steps).toContain('INSERT 4');
    expect(run.rows).toBe(4);
  });

  it('row security an earlier migration forced on the old table (then renamed): the copy keeps 2 rows of 4', async () => {
    const fixture = 'trigger-swap-copy-row-security-earlier';
    // Rows seeded before the policy, as a live table has them.
    const init = [
      file(fixture, '001_init.sql'),
      "INSERT INTO members VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b');",
      file(fixture, '002_tenancy.sql'),
      file(fixture, '003_rename.sql'),
    ].join('\n');
    const run = await runAsOwner(init, statements(file(fixture, '005_swap.sql')), '');
    expect(run.steps).toContain('INSERT 2');
    expect(run.steps.filter((s) => s.startsWith('ERROR'))).toEqual([]);
    expect(run.rows).toBe(2);
  });

  it('the old table renamed aside keeps the policy an earlier migration forced on it: 2 rows of 4', async () => {
    const fixture = 'trigger-swap-copy-row-security-earlier-renamed-aside';
    const init = [
      file(fixture, '001_init.sql'),
      "INSERT INTO users VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b');",
      file(fixture, '002_tenancy.sql'),
    ].join('\n');
    const run = await runAsOwner(init, statements(file(fixture, '005_swap.sql')), '');
    expect(run.steps).toContain('INSERT 2');
    expect(run.steps.filter((s) => s.startsWith('ERROR'))).toEqual([]);
    expect(run.rows).toBe(2);
  });

  it('near miss: earlier row security on another table, or on audit.users, leaves the copy all 4 rows', async () => {
    const fixture = 'near-miss-swap-copy-row-security-earlier-elsewhere';
    const init = `${file(fixture, '001_init.sql')}\n${file(fixture, '002_tenancy.sql')}`;
    const run = await runAsOwner(init, statements(file(fixture, '005_swap.sql')));
    expect(run.steps).toContain('INSERT 4');
    expect(run.rows).toBe(4);
  });

  const seedThree = ['users', 'orders', 'teams']
    .map((t) => `INSERT INTO ${t} VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b');`)
    .join('\n');

  it('near miss: row security turned off again (DISABLE), or never enabled under a forced policy: each copy keeps 4 rows', async () => {
    const fixture = 'near-miss-swap-copy-row-security-disabled';
    const init = [
      file(fixture, '001_init.sql'),
      seedThree,
      file(fixture, '002_tenancy.sql'),
      file(fixture, '003_untenancy.sql'),
    ].join('\n');
    const run = await runAsOwner(init, statements(file(fixture, '005_swap.sql')), '');
    expect(run.steps.filter((s) => s.startsWith('INSERT'))).toEqual(['INSERT 4', 'INSERT 4', 'INSERT 4']);
    expect(run.steps.filter((s) => s.startsWith('ERROR'))).toEqual([]);
    expect(run.rows).toBe(4);
  });

  it('row security enabled again after DISABLE (a policy made while it was off applies too): each copy keeps 2 of 4', async () => {
    const fixture = 'trigger-swap-copy-row-security-reenabled';
    const init = [
      file(fixture, '001_init.sql'),
      seedThree,
      file(fixture, '002_tenancy.sql'),
      file(fixture, '003_retenancy.sql'),
    ].join('\n');
    const run = await runAsOwner(init, statements(file(fixture, '005_swap.sql')), '');
    expect(run.steps.filter((s) => s.startsWith('INSERT'))).toEqual(['INSERT 2', 'INSERT 2']);
    expect(run.steps.filter((s) => s.startsWith('ERROR'))).toEqual([]);
    expect(run.rows).toBe(2);
  });

  it('a policy on the copy target that turns rows away fails the INSERT with an error, it filters nothing silently', async () => {
    const run = await runAsOwner(file('trigger-swap-copy-under-row-security', '001_init.sql'), [
      'CREATE TABLE users_new (id int PRIMARY KEY, tenant text)',
      'ALTER TABLE users_new ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE users_new FORCE ROW LEVEL SECURITY',
      "CREATE POLICY tenant_a ON users_new USING (tenant = 'a')",
      'INSERT INTO users_new SELECT * FROM users',
    ]);
    expect(run.steps.at(-1)).toMatch(
      /^ERROR new row violates row-level security policy for table "users_new"/,
    );
  });
});
