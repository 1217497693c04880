import { POLICY } from './attack-corpus-base.js';
import type { AttackCase, Files } from './attack-corpus-harness.js';

/**
 * Categories 2 and 3: what a .sql migration really does. Exemptions that trust a statement's
 * shape (a table swap is exempt from MIG001 only when its copy keeps every row and column; a
 * suppression only when a person wrote it), each with its precondition broken by one token; and
 * what the runner really executes (called function bodies, psql's \i, \ir and \gexec, NUL
 * bytes, each runner's own section markers, symbolic links). Each case is an agent's pull
 * request adding db/migrations/0002_*.sql to the base's folder (users: id, email, name).
 */

const MIG = 'db/migrations/0002_change.sql';
const sql = (text: string | Buffer, more: Files = {}): Files => ({ [MIG]: text, ...more });

const swap = (select: string, create = 'id bigint PRIMARY KEY, email text NOT NULL, name text') =>
  `CREATE TABLE users_new (${create});\n${select};\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\n`;

/** A swap whose copy keeps every row: exempt. */
const WHOLE = 'INSERT INTO users_new SELECT * FROM users';
/** One token each that loses rows: the exemption no longer holds (MIG001 on users). */
const ROW_LOSERS: Record<string, string> = {
  'WHERE false': `${WHOLE} WHERE false`,
  'LIMIT 0': `${WHOLE} LIMIT 0`,
  'a filtering WHERE': `${WHOLE} WHERE id > 1000`,
  DISTINCT: 'INSERT INTO users_new SELECT DISTINCT * FROM users',
  'GROUP BY': 'INSERT INTO users_new SELECT id, min(email), min(name) FROM users GROUP BY id',
  'FROM ONLY': 'INSERT INTO users_new SELECT * FROM ONLY users',
  'an inner join': 'INSERT INTO users_new SELECT u.* FROM users u JOIN orders o ON o.user_id = u.id',
};

const fn = (body: string) =>
  `CREATE FUNCTION retire() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  ${body}\nEND\n$$;\n`;

const DBMATE = { 'slipway.yaml': POLICY.replace('sql_runner: plain', 'sql_runner: dbmate') };
const GOOSE = { 'slipway.yaml': POLICY.replace('sql_runner: plain', 'sql_runner: goose') };
const markers = (up: string, marker: string) =>
  `${up}\nCREATE TABLE notes (id bigint);\n${marker}\nDROP TABLE users;\n`;

const DROPS_USERS = { rule: 'MIG001', file: MIG, says: /"users"/ };

export const SWAP_CASES: AttackCase[] = [
  {
    name: 'a table swap whose copy keeps every row (SELECT *) is exempt',
    agent: true,
    files: sql(swap(WHOLE)),
    expect: 'pass',
  },
  {
    name: 'a table swap copying every column by name is exempt',
    agent: true,
    files: sql(swap('INSERT INTO users_new (id, email, name) SELECT id, email, name FROM users')),
    expect: 'pass',
  },
  {
    name: 'a table swap whose copy leaves a column out: the column is lost (MIG043)',
    agent: true,
    files: sql(
      swap(
        'INSERT INTO users_new (id, email) SELECT id, email FROM users',
        'id bigint PRIMARY KEY, email text NOT NULL',
      ),
    ),
    expect: { rule: 'MIG043', file: MIG, says: /without column "name"/ },
  },
  ...Object.entries(ROW_LOSERS).map(
    ([token, select]): AttackCase => ({
      name: `a table swap whose copy has ${token}: the exemption is gone (MIG001)`,
      agent: true,
      files: sql(swap(select)),
      expect: DROPS_USERS,
    }),
  ),
  {
    name: 'a scratch table created and dropped in the same migration is exempt',
    agent: true,
    files: sql('CREATE TABLE users_tmp (id bigint);\nDROP TABLE users_tmp;\n'),
    expect: 'pass',
  },
  {
    name: 'the scratch table’s name one token off: the drop is of users (MIG001)',
    agent: true,
    files: sql('CREATE TABLE users_tmp (id bigint);\nDROP TABLE users;\n'),
    expect: DROPS_USERS,
  },
  {
    name: 'a DROP TABLE a person allows with a reason is suppressed',
    files: sql('-- slipway: allow MIG001 -- the table was retired in #12\nDROP TABLE orders;\n'),
    expect: 'pass',
  },
  {
    name: 'the same allow comment written by an agent lifts nothing',
    agent: true,
    files: sql('-- slipway: allow MIG001 -- the table was retired in #12\nDROP TABLE orders;\n'),
    expect: { rule: 'MIG001', file: MIG, says: /"orders"/ },
  },
  {
    name: 'an allow comment for another rule (one token off) lifts nothing',
    files: sql('-- slipway: allow MIG002 -- the table was retired in #12\nDROP TABLE orders;\n'),
    expect: { rule: 'MIG001', file: MIG, says: /"orders"/ },
  },
];

export const RUNNER_CASES: AttackCase[] = [
  {
    name: 'a PL/pgSQL function that drops, created and called in the migration',
    agent: true,
    files: sql(`${fn('DROP TABLE users;')}SELECT retire();\n`),
    expect: DROPS_USERS,
  },
  {
    name: 'a DO block calling a function that drops',
    agent: true,
    files: sql(`${fn('DROP TABLE users;')}DO $$ BEGIN PERFORM retire(); END $$;\n`),
    expect: DROPS_USERS,
  },
  {
    name: 'a function that drops, created and never called',
    agent: true,
    files: sql(fn('DROP TABLE users;')),
    expect: 'pass',
  },
  {
    name: 'psql \\i includes a file that drops',
    agent: true,
    files: sql('\\i sql/retire.sql\n', { 'sql/retire.sql': 'DROP TABLE users;\n' }),
    expect: { rule: 'MIG001', says: /"users"/ },
  },
  {
    name: 'psql \\ir includes a file beside it that drops',
    agent: true,
    files: sql('\\ir parts/retire.psql\n', { 'db/migrations/parts/retire.psql': 'DROP TABLE users;\n' }),
    expect: { rule: 'MIG001', says: /"users"/ },
  },
  {
    name: 'psql \\i of a file that only creates',
    agent: true,
    files: sql('\\i sql/notes.sql\n', { 'sql/notes.sql': 'CREATE TABLE notes (id bigint);\n' }),
    expect: 'pass',
  },
  {
    name: 'psql \\i of a file outside the repository',
    agent: true,
    files: sql('\\i /etc/passwd\n'),
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'psql \\i of a file that is not there',
    agent: true,
    files: sql('\\i sql/missing.sql\n'),
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'psql \\gexec runs query output no reader sees',
    agent: true,
    files: sql("SELECT 'DROP TABLE ' || 'users' \\gexec\n"),
    expect: { rule: 'MIG042', file: MIG, says: /gexec/ },
  },
  {
    name: 'psql \\! runs a shell command',
    agent: true,
    files: sql('\\! psql -c "DROP TABLE users"\n'),
    expect: { rule: 'MIG042', file: MIG },
  },
  {
    name: 'a NUL byte before a DROP',
    agent: true,
    files: sql(Buffer.from('CREATE TABLE notes (id bigint);\n\0DROP TABLE users;\n', 'latin1')),
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'a migration that is a link to a file outside the repository',
    agent: true,
    files: { [MIG]: { link: '/etc/hostname' } },
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'a migration that is a link to a device',
    agent: true,
    files: { [MIG]: { link: '/dev/zero' } },
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'a migration that is a dangling link',
    agent: true,
    files: { [MIG]: { link: 'nowhere.sql' } },
    expect: { rule: 'MIG030', file: MIG },
  },
  {
    name: 'the target of a linked migration edited to drop',
    agent: true,
    base: { [MIG]: { link: '../../sql/shared.sql' }, 'sql/shared.sql': 'CREATE TABLE notes (id bigint);\n' },
    files: { 'sql/shared.sql': 'CREATE TABLE notes (id bigint);\nDROP TABLE users;\n' },
    expect: { rule: 'MIG001', says: /"users"/ },
  },
  {
    name: 'a migration linked to a file of the repository that only creates',
    agent: true,
    files: { [MIG]: { link: '../../sql/notes.sql' }, 'sql/notes.sql': 'CREATE TABLE notes (id bigint);\n' },
    expect: 'pass',
  },
  ...(
    [
      ['dbmate', DBMATE, '-- migrate:up', '  -- migrate:down', 'an indented'],
      ['dbmate', DBMATE, '-- migrate:up', '-- Migrate:down', 'a differently cased'],
      ['goose', GOOSE, '-- +goose Up', ' -- +goose Down', 'an indented'],
    ] as const
  ).map(
    ([runner, base, up, marker, how]): AttackCase => ({
      name: `${runner}: ${how} down marker is no marker, the DROP after it runs forward`,
      agent: true,
      base,
      files: sql(markers(up, marker)),
      expect: DROPS_USERS,
    }),
  ),
  ...(
    [
      ['dbmate', DBMATE, '-- migrate:up', '-- migrate:down'],
      ['goose', GOOSE, '-- +goose Up', '-- +goose down'],
    ] as const
  ).map(
    ([runner, base, up, marker]): AttackCase => ({
      name: `${runner}: \`${marker}\` is its own marker, the DROP after it is the way back`,
      agent: true,
      base,
      files: sql(markers(up, marker)),
      expect: 'pass',
    }),
  ),
];
