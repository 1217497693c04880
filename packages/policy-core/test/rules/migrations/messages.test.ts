import { beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../migrations/mig-source.js';
import { ready, runMig } from './mig-test-helpers.js';

beforeAll(ready);

/** Messages speak the language of the file they are in: Python migrations or .sql migrations. */
describe('MIG messages in .sql and Python migrations', () => {
  const sql = [
    'DROP TABLE sessions;',
    'ALTER TABLE users DROP COLUMN legacy;',
    'TRUNCATE audit;',
    'DELETE FROM jobs;',
    'ALTER TABLE orders RENAME TO purchases;',
    'CREATE INDEX ix_users_email ON users (email);',
    'BEGIN;',
    'CREATE INDEX CONCURRENTLY ix_users_name ON users (name);',
    'COMMIT;',
  ].join('\n');
  const py = migration(
    '0001',
    null,
    [
      "op.create_index('ix_a', 'accounts', ['email'])",
      'op.execute("CREATE INDEX ix_b ON accounts (name)")',
      "op.drop_table('sessions')",
    ].join('\n'),
    { downgrade: 'raise NotImplementedError("irreversible: test")' },
  );
  // Run after beforeAll: the SQL parser must be initialised first.
  let findings: ReturnType<typeof runMig>['findings'] = [];
  beforeAll(() => {
    findings = runMig({ 'db/migrations/001.sql': sql, 'alembic/versions/0001_a.py': py }).findings;
  });
  const message = (file: string, rule: string, nth = 0) =>
    findings.filter((f) => f.file === file && f.rule === rule)[nth]?.message ?? '';

  it('say "this migration" in a .sql file, never upgrade()', () => {
    const inSql = findings.filter((f) => f.file === 'db/migrations/001.sql');
    expect(inSql.map((f) => f.rule).sort()).toEqual([
      'MIG001',
      'MIG002',
      'MIG005',
      'MIG006',
      'MIG010',
      'MIG020',
      'MIG021',
      'MIG037',
    ]);
    for (const f of inSql) expect(f.message, f.rule).not.toContain('upgrade()');
    expect(message('db/migrations/001.sql', 'MIG001')).toMatch(/^this migration drops table "sessions"/);
    expect(message('db/migrations/001.sql', 'MIG001')).toContain('`-- slipway: allow MIG001 -- reason`');
    expect(message('alembic/versions/0001_a.py', 'MIG001')).toMatch(/^upgrade\(\) drops table "sessions"/);
  });

  it('advise CREATE INDEX CONCURRENTLY outside a transaction for SQL, postgresql_concurrently for op calls', () => {
    const inSql = message('db/migrations/001.sql', 'MIG020');
    expect(inSql).toContain('CREATE INDEX CONCURRENTLY, outside any BEGIN ... COMMIT block');
    expect(inSql).not.toContain('postgresql_concurrently');
    expect(inSql).not.toContain('autocommit_block');
    expect(message('alembic/versions/0001_a.py', 'MIG020', 0)).toContain('pass postgresql_concurrently=True');
    expect(message('alembic/versions/0001_a.py', 'MIG020', 1)).toContain(
      'write CREATE INDEX CONCURRENTLY inside `with op.get_context().autocommit_block():`',
    );
    const mig021 = message('db/migrations/001.sql', 'MIG021');
    expect(mig021).toContain('inside a BEGIN ... COMMIT block');
    expect(mig021).not.toContain('autocommit_block');
  });
});

/** A table or column named by a variable still reads as a sentence. */
describe('MIG messages for names that are not literals', () => {
  const py = migration(
    '0001',
    null,
    [
      'for t in tables:',
      '    op.drop_table(t)',
      'for c in cols:',
      '    op.drop_column("users", c)',
      '    op.rename_table(t, "x")',
    ].join('\n'),
    { downgrade: 'op.create_index("ix", "users", ["a"])' },
  );
  const literal = migration('0001', null, 'op.drop_table("sessions")', {
    downgrade: 'raise NotImplementedError("irreversible: test")',
  });

  it('say "a table (name not a literal)", never "table a table"', () => {
    const { findings } = runMig({ 'alembic/versions/0001_a.py': py });
    const byRule = (r: string) => findings.find((f) => f.rule === r)?.message ?? '';
    expect(byRule('MIG001')).toMatch(/^upgrade\(\) drops a table \(name not a literal\) \(/);
    expect(byRule('MIG002')).toContain('drops a column (name not a literal) of "users"');
    expect(byRule('MIG010')).toContain('renames a table (name not a literal) to "x"');
    for (const f of findings) expect(f.message, f.rule).not.toMatch(/table a table|"undefined"|"\?"/);
  });

  it('keep the literal name when there is one', () => {
    const { findings } = runMig({ 'alembic/versions/0001_a.py': literal });
    expect(findings.find((f) => f.rule === 'MIG001')?.message).toMatch(
      /^upgrade\(\) drops table "sessions" \(/,
    );
  });
});

describe('MIG110 on DDL the PostgreSQL parser cannot read', () => {
  it('says the statement could not be parsed and was taken as a schema change by its verb', () => {
    const py = migration('0001', null, 'op.execute("ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4")', {
      downgrade: 'pass',
    });
    const { findings } = runMig({ 'alembic/versions/0001_a.py': py });
    const mig110 = findings.filter((f) => f.rule === 'MIG110');
    expect(mig110).toHaveLength(1);
    expect(mig110[0]?.message).toContain('SQL starting with ALTER that could not be parsed');
    // A statement the parser read is judged on what it does: no note.
    const parsed = migration('0002', null, 'op.execute("ALTER TABLE users ADD COLUMN n int")', {
      downgrade: 'pass',
    });
    const plain = runMig({ 'alembic/versions/0002_b.py': parsed }).findings.filter(
      (f) => f.rule === 'MIG110',
    );
    expect(plain[0]?.message).not.toContain('could not be parsed');
  });
});

describe('MIG121 names the statement as it is written', () => {
  it('CREATE TYPE, CREATE UNIQUE INDEX, ALTER ROLE: the leading keywords of the file, not the parser node', () => {
    const files = {
      'alembic/versions/0001_a.py': migration('0001', null, 'pass'),
      'scripts/enum.sql': "-- by hand\nCREATE TYPE mood AS ENUM ('ok', 'sad');\n",
      'scripts/index.sql': 'CREATE UNIQUE INDEX ix_u ON users (email);\n',
      'scripts/role.sql': "ALTER ROLE app SET statement_timeout = '5s';\n",
      'scripts/view.sql': '/* reporting */ CREATE OR REPLACE VIEW v AS SELECT 1;\n',
    };
    const said = runMig(files)
      .findings.filter((f) => f.rule === 'MIG121')
      .map((f) => `${f.file} ${f.message.slice(0, f.message.indexOf(' in a .sql file'))}`);
    expect(said.sort()).toEqual([
      'scripts/enum.sql CREATE TYPE',
      'scripts/index.sql CREATE UNIQUE INDEX',
      'scripts/role.sql ALTER ROLE',
      'scripts/view.sql CREATE OR REPLACE VIEW',
    ]);
  });
});

describe('MIG028 gives the recipe that fits the column', () => {
  it('a default: set it later and backfill; a stored generated column: a trigger and a backfill', () => {
    const sql = [
      'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
      'ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty) STORED;',
    ].join('\n');
    const said = (policy?: string) =>
      runMig({ 'db/migrations/001.sql': sql, ...(policy ? { 'slipway.yaml': policy } : {}) })
        .findings.filter((f) => f.rule === 'MIG028')
        .map((f) => f.message);
    const [token, total] = said();
    expect(token).toContain('set the default with ALTER COLUMN ... SET DEFAULT');
    expect(total).toContain('a plain column kept up to date by a trigger');
    expect(total).not.toContain('SET DEFAULT');
    expect(total).not.toContain('VIRTUAL');
    const on18 = said('version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  postgres_version: 18\n');
    expect(on18[1]).toContain('VIRTUAL generated column');
  });
});

describe('MIG038 names the column that drops NOT NULL', () => {
  it('in SQL and in op.alter_column', () => {
    const py = migration(
      '0001',
      null,
      "op.alter_column('task_run', 'state_id', existing_type=sa.Uuid(), nullable=True)",
    );
    const { findings } = runMig({
      'db/migrations/001.sql': 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n',
      'alembic/versions/0001_a.py': py,
    });
    const said = findings
      .filter((f) => f.rule === 'MIG038')
      .map((f) => f.message.split(' drops NOT NULL')[0]);
    expect(said.sort()).toEqual(['column "email" of "users"', 'column "state_id" of "task_run"']);
  });
});

describe('MIG037 on DROP INDEX', () => {
  it("names the index's table as what it is, not as a name that is not a literal", () => {
    const { findings } = runMig({ 'db/migrations/001.sql': 'DROP INDEX ix_users_email;\n' });
    const message = findings.find((f) => f.rule === 'MIG037')?.message ?? '';
    expect(message).toContain('ACCESS EXCLUSIVE lock on the table of index "ix_users_email"');
    expect(message).not.toContain('not a literal');
  });
});
