import {
  buildTracePlan,
  type Finding,
  initMigrationParsers,
  judgeFindings,
  type TracedStatement,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(initMigrationParsers);

const module = (rev: string, down: string | null, body: string[]) =>
  `from alembic import op\nimport sqlalchemy as sa\nfrom app.types import GUID\n\nrevision = "${rev}"\ndown_revision = ${
    down === null ? 'None' : `"${down}"`
  }\n\n\ndef upgrade():\n${body.map((l) => `    ${l}`).join('\n')}\n`;

// Line 10 is the first line of upgrade()'s body.
const HISTORY = module('a1', null, [
  'op.create_table("users", sa.Column("id", GUID(), primary_key=True), sa.Column("name", sa.String(40)))',
  'op.create_table("places", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("at", geoalchemy2.Geometry("POINT")), schema="geo")',
]);
const TRACED = module('b2', 'a1', [
  'op.alter_column("users", "id", type_=sa.String(36))',
  'op.alter_column("users", "name", type_=sa.Text())',
  'op.add_column("users", sa.Column("kind", sa.Enum(Kind), server_default="a"))',
  'op.alter_column("users", "id", type_=sa.Text())',
]);

describe('column types Slipway does not know run as a stand-in, said so', () => {
  const plan = buildTracePlan([{ path: 'a1.py', text: HISTORY }], [{ path: 'b2.py', text: TRACED }]);

  it('builds the tables with the stand-in, each column named with the type it stands in for', () => {
    expect(plan.notTraced).toEqual([]);
    expect(plan.setup.map((s) => [s.sql, s.standIns])).toEqual([
      [
        'CREATE TABLE "users" ("id" text PRIMARY KEY, "name" varchar(40))',
        [{ table: 'users', column: 'id', type: 'GUID', ranAs: 'text' }],
      ],
      [
        'CREATE TABLE "geo"."places" ("id" integer PRIMARY KEY, "at" text)',
        [{ table: 'geo.places', column: 'at', type: 'geoalchemy2.Geometry', ranAs: 'text' }],
      ],
    ]);
  });

  it('marks a type change from a stand-in, and a column added with one; not a change between known types', () => {
    expect(
      plan.traced.map((s) => [s.line, s.sql, (s.standIns ?? []).map((c) => `${c.column}:${c.type}`)]),
    ).toEqual([
      [10, 'ALTER TABLE "users" ALTER COLUMN "id" TYPE varchar(36)', ['id:GUID']],
      [11, 'ALTER TABLE "users" ALTER COLUMN "name" TYPE text', []],
      [12, 'ALTER TABLE "users" ADD COLUMN "kind" text DEFAULT \'a\'', ['kind:sa.Enum']],
      // Line 10 changed the column to a type Slipway knows: this change is measured as it is.
      [13, 'ALTER TABLE "users" ALTER COLUMN "id" TYPE text', []],
    ]);
  });

  it('proves no claim that depends on the type from a stand-in, and still judges the locks', () => {
    const ran = (line: number, s: Partial<TracedStatement> = {}): TracedStatement => ({
      file: 'b2.py',
      line,
      sql: '',
      locks: [{ mode: 'AccessExclusiveLock', relation: 'users' }],
      rewrites: ['users'],
      ms: 1,
      status: 'ok',
      ...s,
    });
    const finding = (rule: string, line: number): Finding =>
      ({
        rule,
        file: 'b2.py',
        message: rule,
        range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 1 } },
      }) as Finding;
    const standIns = plan.traced[0]?.standIns ?? [];
    const verdicts = judgeFindings(
      [finding('MIG024', 10), finding('MIG037', 10), finding('MIG024', 11), finding('MIG028', 12)],
      [ran(10, { standIns }), ran(11), ran(12, { standIns: plan.traced[2]?.standIns ?? [] })],
    );
    expect(verdicts.map((v) => `${v.rule}:${v.line} ${v.verdict}`)).toEqual([
      'MIG024:10 not-measured',
      'MIG037:10 confirmed',
      'MIG024:11 confirmed',
      'MIG028:12 not-measured',
    ]);
    expect(verdicts[0]?.evidence).toBe(
      'column users.id ran as text in place of its type GUID: a rewrite depends on the real type',
    );
  });
});
