import {
  buildTracePlan,
  type Finding,
  initMigrationParsers,
  judgeFindings,
  type TracedStatement,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(initMigrationParsers);

describe('.sql migrations planned as their runner runs them', () => {
  it('runs only what a .sql migration runs forward under its runner: no way back, no other database', () => {
    const pop = { sqlRunner: 'pop' } as const;
    const plan = buildTracePlan(
      [
        { path: 'db/0001_t.up.sql', text: 'CREATE TABLE t (id int);\n', ...pop },
        { path: 'db/0001_t.down.sql', text: 'DROP TABLE t;\n', ...pop },
        { path: 'db/0001_t.mysql.up.sql', text: 'CREATE TABLE t (id int) ENGINE=InnoDB;\n', ...pop },
      ],
      [
        {
          path: 'db/0002_goose.sql',
          text: '-- +goose Up\nALTER TABLE t ADD COLUMN n int;\n\n-- +goose Down\nALTER TABLE t DROP COLUMN n;\n',
          sqlRunner: 'goose',
        },
        { path: 'db/0002_t.mysql.up.sql', text: 'ALTER TABLE t ADD COLUMN n int;\n', ...pop },
        { path: 'db/0003_x.down.sql', text: 'DROP TABLE t;\n', ...pop },
      ],
    );
    // The history's way back and its MySQL file are not run, nor listed: only what builds the schema.
    expect(plan.setup.map((s) => s.sql)).toEqual(['CREATE TABLE t (id int)']);
    expect(plan.traced.map((s) => `${s.file}:${s.line} ${s.sql}`)).toEqual([
      'db/0002_goose.sql:2 ALTER TABLE t ADD COLUMN n int',
    ]);
    expect(plan.notTraced.map((n) => `${n.file}:${n.line} ${n.reason}`)).toEqual([
      'db/0002_goose.sql:4 the way back (a down section): not run forward',
      'db/0002_t.mysql.up.sql:1 a migration for another database: PostgreSQL does not run it',
      'db/0003_x.down.sql:1 the way back (a down migration): not run forward',
    ]);
  });

  it("runs pop's PostgreSQL file of a version, not the generic one it replaces (a generic file alone runs)", () => {
    const pop = { sqlRunner: 'pop' } as const;
    const plan = buildTracePlan(
      [
        { path: 'db/0001_t.up.sql', text: 'CREATE TABLE t (id int);\n', ...pop },
        { path: 'db/0001_t.postgres.up.sql', text: 'CREATE TABLE t (id bigint);\n', ...pop },
      ],
      [
        { path: 'db/0002_n.up.sql', text: 'ALTER TABLE t ADD COLUMN n int;\n', ...pop },
        { path: 'db/0002_n.postgres.up.sql', text: 'ALTER TABLE t ADD COLUMN n bigint;\n', ...pop },
        { path: 'db/0003_m.up.sql', text: 'ALTER TABLE t ADD COLUMN m int;\n', ...pop },
      ],
    );
    expect(plan.setup.map((s) => s.sql)).toEqual(['CREATE TABLE t (id bigint)']);
    expect(plan.traced.map((s) => `${s.file} ${s.sql}`)).toEqual([
      'db/0002_n.postgres.up.sql ALTER TABLE t ADD COLUMN n bigint',
      'db/0003_m.up.sql ALTER TABLE t ADD COLUMN m int',
    ]);
    expect(plan.notTraced.map((n) => `${n.file}:${n.line} ${n.reason}`)).toEqual([
      'db/0002_n.up.sql:1 a generic migration whose version has a PostgreSQL file: pop runs that one instead',
    ]);
  });

  it("runs pop's templated statements with the templates read out, each at its own line", () => {
    const plan = buildTracePlan(
      [],
      [
        {
          path: 'db/0002_t.up.sql',
          text: '-- pop\nALTER TABLE {{ index .Options "Namespace" }}.t ADD COLUMN n int;\n',
          sqlRunner: 'pop',
        },
      ],
    );
    expect(plan.traced.map((s) => [s.line, s.sql.replace(/ +/g, ' ')])).toEqual([
      [2, 'ALTER TABLE t ADD COLUMN n int'],
    ]);
    expect(plan.notTraced).toEqual([]);
  });

  it('runs every statement when no runner is named: a name or a comment means nothing to psql', () => {
    const plan = buildTracePlan(
      [],
      [
        {
          path: 'db/0002_goose.sql',
          text: '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n',
        },
        { path: 'db/0003_x.down.sql', text: 'DROP TABLE b;\n' },
      ],
    );
    expect(plan.traced.map((s) => `${s.file}:${s.line} ${s.sql}`)).toEqual([
      'db/0002_goose.sql:2 CREATE TABLE a (id int)',
      'db/0002_goose.sql:4 DROP TABLE a',
      'db/0003_x.down.sql:1 DROP TABLE b',
    ]);
  });

  it('builds the schema from the earlier migrations, and leaves out transaction control of the traced ones', () => {
    const plan = buildTracePlan(
      [{ path: 'db/001.sql', text: 'BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n' }],
      [
        {
          path: 'db/002.sql',
          text: 'BEGIN;\nALTER TABLE t ADD COLUMN n int;\nDROP INDEX CONCURRENTLY ix;\nCOMMIT;\n',
        },
      ],
    );
    expect(plan.setup.map((s) => s.sql)).toEqual(['CREATE TABLE t (id int)']);
    expect(plan.traced.map((s) => [s.line, s.outsideTransaction])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(plan.notTraced.map((n) => `${n.file}:${n.line}`)).toEqual(['db/002.sql:1', 'db/002.sql:4']);
  });

  it('statements sharing a line carry their columns, and a finding is judged at the one it is on', () => {
    const plan = buildTracePlan(
      [],
      [
        {
          path: 'db/0002.sql',
          text: 'SELECT 1; ALTER TABLE t ADD COLUMN n int;\nCREATE TABLE u (id int);\n',
        },
      ],
    );
    expect(plan.traced.map((s) => `${s.line}:${s.column ?? '-'} ${s.sql}`)).toEqual([
      '1:1 SELECT 1',
      '1:11 ALTER TABLE t ADD COLUMN n int',
      '2:- CREATE TABLE u (id int)',
    ]);
    const ran = (s: (typeof plan.traced)[number], locks: TracedStatement['locks']): TracedStatement => ({
      file: s.file,
      line: s.line,
      ...(s.column !== undefined ? { column: s.column } : {}),
      sql: s.sql,
      locks,
      rewrites: [],
      ms: 1,
      status: 'ok',
    });
    const [select, alter] = plan.traced;
    if (!select || !alter) throw new Error('planned');
    const finding = {
      rule: 'MIG037',
      file: 'db/0002.sql',
      message: 'MIG037',
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 40 } },
    } as Finding;
    const [verdict] = judgeFindings(
      [finding],
      [ran(select, []), ran(alter, [{ mode: 'AccessExclusiveLock', relation: 't' }])],
    );
    // Before: the first statement of the line (SELECT 1) answered, "took no lock": refuted.
    expect(verdict?.verdict).toBe('confirmed');
  });
});
