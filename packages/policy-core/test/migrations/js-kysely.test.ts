import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, expect, it } from 'vitest';

/**
 * Kysely migrations (`migrations.kysely`) read by the one JS reader, in process: `db.schema`
 * builders run by `.execute()`, `sql` templates run by `.execute(db)`, the Migrator's transaction
 * for MIG021; each way of hiding a step is said (MIG042), and each near miss stays quiet.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  kysely: src/migrations\n';
const FILE = 'src/migrations/2024_02_02_change.ts';
const INIT = `import { Kysely } from 'kysely';
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('users').addColumn('id', 'serial', (col) => col.primaryKey()).addColumn('email', 'text').execute();
}
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
`;
const up = (body: string) =>
  `import { Kysely, sql } from 'kysely';\nexport async function up(db: Kysely<any>): Promise<void> {\n  ${body}\n}\nexport async function down(db: Kysely<any>): Promise<void> {\n  await sql\`SELECT 1\`.execute(db);\n}\n`;

function rulesOn(text: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'src/migrations/2024_01_01_init.ts': INIT,
    [FILE]: text,
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.file === FILE)
    .map((f) => f.rule);
}

/** [attack or near miss, file text, rules that must fire, rules that must not]. */
const CASES: [string, string, string[], string[]][] = [
  [
    'db.schema.dropTable(...).execute()',
    up("await db.schema.dropTable('users').execute();"),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'near miss: the builder never executed runs nothing',
    up("db.schema.dropTable('users');"),
    [],
    ['MIG001', 'MIG042'],
  ],
  [
    'the builder kept and executed later',
    up("const drop = db.schema.dropTable('users');\n  await drop.execute();"),
    ['MIG042'],
    [],
  ],
  ['sql`...`.execute(db) is SQL', up('await sql`DROP TABLE users`.execute(db);'), ['MIG001'], ['MIG042']],
  [
    "near miss: sql`now()` in a column's default is part of its statement, not SQL of its own",
    up(
      "await db.schema.alterTable('users').addColumn('at', 'timestamptz', (col) => col.defaultTo(sql`now()`)).execute();",
    ),
    [],
    ['MIG030', 'MIG042'],
  ],
  [
    'a fragment holding a statement is read as SQL: Kysely sends DDL whole, every statement of it runs',
    up(
      "await db.schema.createTable('t').addColumn('id', 'integer').modifyEnd(sql`; DROP TABLE users`).execute();",
    ),
    ['MIG001'],
    [],
  ],
  [
    'a fragment built at run time is said as SQL not read',
    up(
      `await db.schema.alterTable('users').addColumn('at', 'text', (col) => col.defaultTo(sql\`\${process.env.D}\`)).execute();`,
    ),
    ['MIG030'],
    [],
  ],
  [
    'near miss: a check constraint on the chain is part of its statement',
    up(
      "await db.schema.alterTable('users').addCheckConstraint('email_set', sql`email IS NOT NULL AND length(email) > 3`).execute();",
    ),
    [],
    ['MIG030'],
  ],
  [
    'a fragment run inside a callback (its own .execute) is SQL',
    up(
      "await db.schema.createTable('t2').addColumn('id', 'integer', (col) => sql`DROP TABLE users`!.execute(db) && col).execute();",
    ),
    ['MIG001'],
    [],
  ],
  [
    "a fragment run in the arguments of the chain's execute is SQL",
    up(
      "await db.schema.createTable('t2').addColumn('id', 'integer').execute((sql`DROP TABLE users`).execute(db));",
    ),
    ['MIG001'],
    [],
  ],
  [
    'a fragment compiled for db.executeQuery is SQL',
    up('await db.executeQuery(sql`DROP TABLE users`.compile(db));'),
    ['MIG001'],
    [],
  ],
  [
    'a default that is more than one value (Kysely writes it verbatim) is said as SQL',
    up(
      "await db.schema.alterTable('users').addColumn('x', 'integer', (col) => col.defaultTo(sql`0, DROP COLUMN email`)).execute();",
    ),
    ['MIG030'],
    [],
  ],
  [
    'a data type written as a fragment is never a value: said as SQL',
    up("await db.schema.alterTable('users').addColumn('x', sql`int, DROP COLUMN email`).execute();"),
    ['MIG030'],
    [],
  ],
  [
    // DashHub-ai/DashHub names its enums so, in chains that also $call helpers.
    "near miss: an enum's name as a column's data type is part of the statement, not SQL of its own",
    up(
      "await db.schema.createTable('t').$call(addId).addColumn('role', sql`user_role`, (col) => col.notNull()).addColumn('v', sql`vector(1536)`).execute();",
    ),
    [],
    ['MIG030'],
  ],
  [
    'near miss: a data type in setDataType, and a value in a callback of a $call callback',
    up(
      "await db.schema.alterTable('users').alterColumn('email', (col) => col.setDataType(sql`timestamp(3) with time zone`)).$call((qb) => qb.addColumn('at', 'text', (col) => col.defaultTo(sql`now()`))).execute();",
    ),
    [],
    ['MIG030'],
  ],
  [
    'a data type fragment that says more than a type is SQL, as before',
    up("await db.schema.alterTable('users').addColumn('x', sql`text NOT NULL`).execute();"),
    ['MIG030'],
    [],
  ],
  [
    'a type name in the place of the column name is no data type: SQL, as before',
    up("await db.schema.alterTable('users').addColumn(sql`user_role`, 'text').execute();"),
    ['MIG030'],
    [],
  ],
  [
    'a fragment kept in a name and run later is SQL, as before',
    up('const q = sql`DROP TABLE users`;\n  await q.execute(db);'),
    ['MIG001'],
    [],
  ],
  [
    'alterTable dropColumn',
    up("await db.schema.alterTable('users').dropColumn('email').execute();"),
    ['MIG002'],
    [],
  ],
  [
    'addColumn NOT NULL without a default',
    up(
      "await sql`SET lock_timeout = '5s'`.execute(db);\n  await db.schema.alterTable('users').addColumn('tenant', 'integer', (col) => col.notNull()).execute();",
    ),
    ['MIG022'],
    [],
  ],
  [
    'near miss: the same column nullable',
    up(
      "await sql`SET lock_timeout = '5s'`.execute(db);\n  await db.schema.alterTable('users').addColumn('tenant', 'integer').execute();",
    ),
    [],
    ['MIG022'],
  ],
  [
    'CONCURRENTLY inside the Migrator’s transaction',
    up('await sql`CREATE INDEX CONCURRENTLY users_email ON users (email)`.execute(db);'),
    ['MIG021'],
    [],
  ],
  [
    'a schema method named at run time',
    up("await db.schema[process.env.M]('users').execute();"),
    ['MIG042'],
    [],
  ],
  [
    'near miss: a delete with a where',
    up("await db.deleteFrom('users').where('id', '=', 1).execute();"),
    [],
    ['MIG006', 'MIG042'],
  ],
  ['a delete without a where', up("await db.deleteFrom('users').execute();"), ['MIG006'], []],
  [
    // Found by a review: sql`...${x}` sends x as a bind parameter ($1), not as text: a constant
    // substituted in place would read a bounded DELETE where every row goes.
    "sql`...` with a constant substituted: a bind parameter, not the constant's text",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    "const ALL = 'true';\n" + up('await sql`DELETE FROM users WHERE ${ALL}`.execute(db);'),
    ['MIG030'],
    ['MIG006'],
  ],
  [
    "near miss: a createTable column typed with a stored generated value (colanode's search_vector) is no SQL of its own",
    up(
      "await db.schema.createTable('embeddings').addColumn('text', 'text').addColumn('search_vector', sql`tsvector GENERATED ALWAYS AS (\\n    setweight(to_tsvector('english', COALESCE(text, '')), 'A')\\n  ) STORED`).execute();",
    ),
    [],
    ['MIG030'],
  ],
  [
    'a stored generated column added to an existing table is still read as SQL (it rewrites the table)',
    up(
      "await db.schema.alterTable('users').addColumn('search_vector', sql`tsvector GENERATED ALWAYS AS (to_tsvector('english', email)) STORED`).execute();",
    ),
    ['MIG030'],
    [],
  ],
  [
    'a second column smuggled after a generated one is read as SQL',
    up(
      "await db.schema.createTable('embeddings').addColumn('a', sql`int GENERATED ALWAYS AS (1) STORED, b int GENERATED ALWAYS AS (2) STORED`).execute();",
    ),
    ['MIG030'],
    [],
  ],
];

it.each(CASES)('%s', (_name, text, fire, quiet) => {
  const got = rulesOn(text);
  for (const r of fire) expect(got, `${r} in ${got.join(' ')}`).toContain(r);
  for (const r of quiet) expect(got, got.join(' ')).not.toContain(r);
});
