import { buildTracePlan, matchTrace, type TracedStatement, type TraceReport } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * Which statements of a file as it is now a saved trace still speaks for: exactly the traced SQL,
 * counted among identical statements, whatever line it moved to. And the locks PostgreSQL
 * documents for what must run outside a transaction, planned from the statement itself.
 */
const traced = (file: string, line: number, sql: string, mode = 'AccessExclusiveLock'): TracedStatement => ({
  file,
  line,
  sql,
  locks: [{ mode, relation: 'users' }],
  rewrites: [],
  ms: 1,
  status: 'ok',
});

const SQL =
  'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users\n  ADD COLUMN b int;\nALTER TABLE users ADD COLUMN a int;\n';

const report: Pick<TraceReport, 'statements' | 'findings'> = {
  statements: [
    traced('db/002.sql', 1, 'ALTER TABLE users ADD COLUMN a int', 'ShareLock'),
    traced('db/002.sql', 2, 'ALTER TABLE users\n  ADD COLUMN b int'),
    traced('db/002.sql', 4, 'ALTER TABLE users ADD COLUMN a int', 'ExclusiveLock'),
    traced('db/other.sql', 1, 'ALTER TABLE users ADD COLUMN a int'),
  ],
  findings: [
    { rule: 'MIG037', file: 'db/002.sql', line: 2, message: 'm', verdict: 'confirmed', evidence: 'took it' },
  ],
};

const spans = (text: string) =>
  matchTrace(report, 'db/002.sql', text).map((m) => [m.startLine, m.endLine, m.traced.locks[0]?.mode]);

describe('matchTrace', () => {
  it("plans a templated pop migration as the trace did, with the policy's runner", () => {
    const text = '-- pop\nALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN a int;\n';
    const plan = buildTracePlan([], [{ path: 'db/003.up.sql', text, sqlRunner: 'pop' }]);
    const sql = plan.traced[0]?.sql ?? '';
    const popReport = { statements: [traced('db/003.up.sql', 2, sql)], findings: [] };
    expect(matchTrace(popReport, 'db/003.up.sql', text, 'pop').map((m) => m.startLine)).toEqual([1]);
    // Without the runner the template is no SQL PostgreSQL reads: nothing is claimed for it.
    expect(matchTrace(popReport, 'db/003.up.sql', text)).toEqual([]);
  });

  it('matches each statement to its traced result, over the lines it spans, with the findings judged there', () => {
    expect(spans(SQL)).toEqual([
      [0, 0, 'ShareLock'],
      [1, 2, 'AccessExclusiveLock'],
      [3, 3, 'ExclusiveLock'],
    ]);
    expect(matchTrace(report, 'db/002.sql', SQL)[1]?.findings.map((f) => f.rule)).toEqual(['MIG037']);
  });

  it('keeps a statement moved by edits above it, and drops an edited one', () => {
    expect(spans(`-- note\n\n${SQL}`).map((s) => s[0])).toEqual([2, 3, 5]);
    expect(spans(SQL.replace('b int', 'b bigint'))).toEqual([
      [0, 0, 'ShareLock'],
      [3, 3, 'ExclusiveLock'],
    ]);
  });

  it('tells identical statements apart by their order, and another file by its name', () => {
    // The first copy removed: the one left is the first of its kind now, as nothing traced it alone.
    expect(spans(SQL.replace('ALTER TABLE users ADD COLUMN a int;\n', ''))).toEqual([
      [0, 1, 'AccessExclusiveLock'],
      [2, 2, 'ShareLock'],
    ]);
    expect(matchTrace(report, 'db/003.sql', SQL)).toEqual([]);
  });

  it('matches an Alembic call through the SQL it renders to, on the lines of the call', () => {
    const py = (table: string) =>
      `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b"\ndown_revision = "a"\n\n\ndef upgrade():\n    op.drop_column("${table}", "legacy")\n`;
    const alembic = {
      statements: [traced('v/b.py', 9, 'ALTER TABLE "users" DROP COLUMN "legacy"')],
      findings: [],
    };
    expect(matchTrace(alembic, 'v/b.py', py('users')).map((m) => [m.startLine, m.endLine])).toEqual([[8, 8]]);
    expect(matchTrace(alembic, 'v/b.py', py('accounts'))).toEqual([]);
    // A call over several lines: the hover is on every line of it.
    const spread = py('users').replace(
      'op.drop_column("users", "legacy")',
      'op.drop_column(\n        "users",\n        "legacy",\n    )',
    );
    expect(matchTrace(alembic, 'v/b.py', spread).map((m) => [m.startLine, m.endLine])).toEqual([[8, 11]]);
  });
});

describe('documented locks of statements that must run outside a transaction', () => {
  const plan = (sql: string) =>
    buildTracePlan([], [{ path: 'db/x.sql', text: sql }]).traced.map((s) => [
      s.outsideTransaction,
      s.documentedLocks?.map((l) => `${l.mode} ${l.relation}`),
    ]);

  it('gives each concurrent or VACUUM form the level PostgreSQL documents, on the relations it names', () => {
    expect(
      plan(
        [
          'CREATE INDEX CONCURRENTLY ix ON app.orders (a);',
          'DROP INDEX CONCURRENTLY ix_old;',
          'REINDEX TABLE CONCURRENTLY orders;',
          'VACUUM FULL orders, users;',
          'VACUUM (ANALYZE) orders;',
          'ALTER TABLE measures DETACH PARTITION measures_2020 CONCURRENTLY;',
        ].join('\n'),
      ),
    ).toEqual([
      [true, ['ShareUpdateExclusiveLock app.orders']],
      [true, ['ShareUpdateExclusiveLock ix_old']],
      [true, ['ShareUpdateExclusiveLock orders']],
      [true, ['AccessExclusiveLock orders', 'AccessExclusiveLock users']],
      [true, ['ShareUpdateExclusiveLock orders']],
      [true, ['ShareUpdateExclusiveLock measures', 'ShareUpdateExclusiveLock measures_2020']],
    ]);
  });

  it('documents nothing for what runs in a transaction, where the locks are observed instead', () => {
    expect(
      plan('CREATE INDEX ix ON orders (a);\nDROP INDEX ix_old;\nREINDEX TABLE orders;\nANALYZE orders;\n'),
    ).toEqual([
      [false, undefined],
      [false, undefined],
      [false, undefined],
      [false, undefined],
    ]);
  });
});

describe('matchTrace on a Knex migration', () => {
  const JS = `exports.up = async (knex) => {\n  await knex.raw('ALTER TABLE users ADD COLUMN a int');\n  await knex.schema.alterTable('users', (t) => {\n    t.dropColumn('b');\n  });\n};\n`;
  const knexReport: Pick<TraceReport, 'statements' | 'findings'> = {
    statements: [
      traced('db/m/1_a.js', 2, 'ALTER TABLE users ADD COLUMN a int', 'ShareLock'),
      traced('db/m/1_a.js', 4, 'alter table "users" drop column "b"'),
    ],
    findings: [],
  };
  // A stand-in for Knex (the real one is the CLI's): what it renders for this one call.
  const knex = () => ({ sql: ['alter table "users" drop column "b"'] });
  const lines = (text: string, renderers?: { knex: typeof knex }) =>
    matchTrace(knexReport, 'db/m/1_a.js', text, 'plain', {
      tool: 'knex',
      ...(renderers ? { renderers } : {}),
    }).map((m) => [m.startLine, m.traced.locks[0]?.mode]);

  it('finds the raw SQL as written and the call as the renderer renders it, at their lines', () => {
    expect(lines(JS, { knex })).toEqual([
      [1, 'ShareLock'],
      [3, 'AccessExclusiveLock'],
    ]);
  });

  it('without the renderer the call matches nothing; an edited call neither', () => {
    expect(lines(JS)).toEqual([[1, 'ShareLock']]);
    expect(
      lines(JS.replace("'b'", "'c'"), { knex: () => ({ sql: ['alter table "users" drop column "c"'] }) }),
    ).toEqual([[1, 'ShareLock']]);
  });

  it('near miss: the JS text read as SQL (no tool) matches nothing', () => {
    expect(matchTrace(knexReport, 'db/m/1_a.js', JS)).toEqual([]);
  });
});

describe('jsMigrationTool', () => {
  it('names the tool whose folder holds the file directly', async () => {
    const { jsMigrationTool } = await import('@slipway/policy-core');
    const section = { knex: 'db/knex/', typeorm: ['./src/migrations'] };
    expect(jsMigrationTool('db/knex/1_a.js', section)).toBe('knex');
    expect(jsMigrationTool('src/migrations/1-A.ts', section)).toBe('typeorm');
    expect(jsMigrationTool('db/knex/sub/1_a.js', section)).toBeUndefined();
    expect(jsMigrationTool('db/knex/1_a.test.js', section)).toBeUndefined();
    expect(jsMigrationTool('db/knex/1_a.js', undefined)).toBeUndefined();
  });

  it("names TypeORM for every folder of one series over several (the editor's hover traces it)", async () => {
    const { jsMigrationTool } = await import('@slipway/policy-core');
    const section = { typeorm: ['db/other', { folders: ['src/migrations', 'src/enterprise/migrations/'] }] };
    expect(jsMigrationTool('src/enterprise/migrations/1-A.ts', section)).toBe('typeorm');
    expect(jsMigrationTool('src/migrations/1-A.ts', section)).toBe('typeorm');
    expect(jsMigrationTool('src/enterprise/1-A.ts', section)).toBeUndefined();
  });
});
