import {
  attributeCauses,
  buildTracePlan,
  initMigrationParsers,
  renderTraceText,
  summarizeTrace,
  summaryLines,
  type TracedStatement,
  type TracePlan,
  type TraceReport,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(initMigrationParsers);

/**
 * One line per cause: a custom type (run as a stand-in), an extension the embedded server lacks,
 * a create_table Slipway cannot render (its default is a Python name). The steps that failed only for want of what those would
 * have made are counted under them. The run is written here as PostgreSQL reports it (the
 * end-to-end test in test/cli runs a history on PGlite itself).
 */
const module = (rev: string, down: string | null, body: string[]) =>
  `from alembic import op\nimport sqlalchemy as sa\nfrom app.types import GUID\n\nrevision = "${rev}"\ndown_revision = ${
    down === null ? 'None' : `"${down}"`
  }\n\n\ndef upgrade():\n${body.map((l) => `    ${l}`).join('\n')}\n`;

// Line 10 is the first line of upgrade()'s body.
const HISTORY = module('a1', null, [
  'op.execute("CREATE EXTENSION IF NOT EXISTS postgis")',
  'op.create_table("users", sa.Column("id", GUID(), primary_key=True))',
  'op.create_table("teams", sa.Column("id", GUID(), primary_key=True), sa.Column("owner", GUID()))',
  'op.execute("CREATE TABLE places (id int, at geometry(Point))")',
  'op.create_table("tagged", sa.Column("id", sa.Integer(), server_default=DEFAULT_ID))',
  'op.add_column("places", sa.Column("name", sa.Text()))',
]);
const TRACED = module('b2', 'a1', [
  'op.create_index("ix_tagged", "tagged", ["id"])',
  'op.drop_index("ix_tagged")',
  'op.add_column("users", sa.Column("email", sa.Text()))',
  'op.execute("SELECT ST_MakePoint(1, 2)")',
  'op.execute("ALTER TABLE users ADD PRIMARY KEY (email)")',
]);

const plan: TracePlan = buildTracePlan([{ path: 'a1.py', text: HISTORY }], [{ path: 'b2.py', text: TRACED }]);

const ok = (line: number, standIns?: TracedStatement['standIns']): TracedStatement => ({
  file: 'b2.py',
  line,
  sql: '',
  locks: [{ mode: 'AccessExclusiveLock', relation: 'users' }],
  rewrites: [],
  ms: 1,
  status: 'ok',
  ...(standIns ? { standIns } : {}),
});
const failed = (line: number, error: string): TracedStatement => ({
  ...ok(line),
  locks: [],
  status: 'error',
  error,
});

// As PGlite answers: no postgis; what needed it, and the table not rendered, missing after.
const RUN = {
  setupErrors: [
    { file: 'a1.py', line: 10, error: 'extension "postgis" is not available' },
    { file: 'a1.py', line: 13, error: 'type "geometry" does not exist' },
    { file: 'a1.py', line: 15, error: 'relation "places" does not exist' },
  ],
  statements: [
    failed(10, 'relation "tagged" does not exist'),
    failed(11, 'index "ix_tagged" does not exist'),
    ok(12),
    failed(13, 'function st_makepoint(integer, integer) does not exist'),
    failed(14, 'multiple primary keys for table "users" are not allowed'),
  ],
  notTraced: plan.notTraced,
};

describe('the trace counts each step under its cause', () => {
  const attributed = attributeCauses(plan, RUN);

  it('counts a step that failed for want of an untraced or failed one under that one, not on its own', () => {
    expect(attributed.setupErrors.map((e) => [e.line, e.cause, e.followOn ?? false])).toEqual([
      [10, 'extension postgis: the embedded PostgreSQL does not have it', false],
      [13, 'extension postgis: the embedded PostgreSQL does not have it', true],
      // places was to be made by the statement that needed postgis.
      [15, 'extension postgis: the embedded PostgreSQL does not have it', true],
    ]);
    const indexCause = 'op.create_table: a server_default that is not a literal, sa.text() or sa.func call';
    expect(attributed.statements.map((s) => [s.line, s.cause, s.followOn ?? false])).toEqual([
      [10, indexCause, true],
      // ix_tagged was to be made by the statement that failed for want of tagged: the same cause.
      [11, indexCause, true],
      [12, undefined, false],
      [13, 'extension postgis: the embedded PostgreSQL does not have it', true],
      [14, 'PostgreSQL: multiple primary keys for table "…" are not allowed', false],
    ]);
  });

  it('leads with what it proved, then one line per cause, the stand-in type by the tables built with it', () => {
    const report: TraceReport = {
      ranAt: '2026-01-01T00:00:00.000Z',
      ...attributed,
      findings: [
        {
          rule: 'MIG037',
          file: 'b2.py',
          line: 12,
          message: '',
          verdict: 'confirmed',
          evidence: 'took a lock',
        },
        {
          rule: 'MIG020',
          file: 'b2.py',
          line: 10,
          message: '',
          verdict: 'not-traced',
          evidence: 'PostgreSQL: …',
        },
      ],
    };
    const summary = summarizeTrace(report, plan.setup);
    expect(summary.traced).toEqual({ statements: 5, ran: 1, failed: 4, followOns: 3, withStandIn: 0 });
    expect(summary.standIns).toEqual([
      { type: 'GUID', ranAs: 'text', tables: ['users', 'teams'], first: { file: 'a1.py', line: 11 } },
    ]);
    expect(summaryLines(summary)).toEqual([
      `Traced 5 statements: 1 ran, 4 failed (3 only because an earlier step was not traced). The schema before them: ${plan.setup.length} statements, 3 failed.`,
      'Lock claims (MIG findings on the traced lines): 1 confirmed, 0 contradicted, 0 not measured, 1 not traced.',
      'Not traced or not proved, by cause:',
      '  2 tables built with text in place of column type GUID: claims that depend on the type are not proved there (first: a1.py:11)',
      '  1 step failed, 3 later steps failed for it: extension postgis: the embedded PostgreSQL does not have it (first: a1.py:10)',
      '  1 step not traced, 2 later steps failed for it: op.create_table: a server_default that is not a literal, sa.text() or sa.func call (first: a1.py:14)',
      '  1 step failed: PostgreSQL: multiple primary keys for table "…" are not allowed (first: b2.py:14)',
    ]);
    // The text prints a follow-on only with --verbose; the JSON keeps every step.
    const text = renderTraceText({ ...report, summary });
    expect(text).not.toContain('relation "tagged" does not exist');
    expect(text).toContain('multiple primary keys for table "users"');
    expect(text).not.toContain('MIG020');
    const verbose = renderTraceText({ ...report, summary }, { verbose: true });
    expect(verbose).toContain(
      'error: relation "tagged" does not exist (follows from: op.create_table: a server_default that is not',
    );
    expect(verbose).toContain(
      'a1.py:14: not traced: op.create_table: server_default DEFAULT_ID is not a literal',
    );
    expect(verbose).toContain('b2.py:10: MIG020 not-traced');
  });
});

describe('what no traced step made', () => {
  it('is one cause, naming each thing missing; a later step that needs one of them follows from it', () => {
    const run = {
      setupErrors: [],
      notTraced: [{ file: 'a1.py', line: 10, reason: 'init.upgrade(...) is Python Slipway does not run' }],
      statements: [
        failed(10, 'relation "images" does not exist'),
        failed(11, 'relation "images" does not exist'),
        failed(12, 'table "tasks" does not exist'),
      ],
    };
    const attributed = attributeCauses({ setup: [], traced: [], notTraced: run.notTraced }, run);
    expect(attributed.statements.map((s) => s.followOn ?? false)).toEqual([false, true, false]);
    const summary = summarizeTrace({ ranAt: '', findings: [], ...attributed });
    expect(summaryLines(summary)).toContain(
      '  2 steps failed, 1 later step failed for it: needs what no traced step made (an untraced step may have made it): images, tasks (first: b2.py:10)',
    );
  });
});
