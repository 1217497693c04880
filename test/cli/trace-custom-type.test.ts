import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * `slipway trace` on a history as real projects write them: a GUID TypeDecorator of the
 * project's own, used by three tables. Slipway does not know the type; the tables are built with
 * a stand-in, the change's later ops on them are traced on PGlite, the report says so in one line,
 * and the type change measured on the stand-in proves nothing.
 */
const GUID = `

class GUID(sa.types.TypeDecorator):
    """A UUID kept as CHAR(32) where the database has no uuid type."""

    impl = sa.CHAR
    cache_ok = True
`;

const revision = (rev: string, down: string | null, body: string[], extra = '') =>
  `from alembic import op
import sqlalchemy as sa

revision = "${rev}"
down_revision = ${down === null ? 'None' : `"${down}"`}
${extra}

def upgrade():
${body.map((l) => `    ${l}`).join('\n')}
`;

const BASE = revision(
  'a1',
  null,
  [
    'op.create_table("users", sa.Column("id", GUID(), primary_key=True), sa.Column("name", sa.String(80)))',
    'op.create_table("teams", sa.Column("id", GUID(), primary_key=True), sa.Column("name", sa.String(80)))',
    'op.create_table("memberships", sa.Column("user_id", GUID(), sa.ForeignKey("users.id")),',
    '    sa.Column("team_id", GUID(), sa.ForeignKey("teams.id")))',
  ],
  GUID,
);

const CHANGE = revision('b2', 'a1', [
  'op.add_column("users", sa.Column("email", sa.String(200)))',
  'op.create_index("ix_teams_name", "teams", ["name"])',
  'op.alter_column("memberships", "user_id", type_=sa.String(36))',
  'op.drop_column("teams", "name")',
]);

let repo: TempRepo;

beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
    'alembic/versions/a1_base.py': BASE,
  });
  repo.commit('base');
  repo.git('checkout', '-qb', 'feature');
  repo.write({ 'alembic/versions/b2_change.py': CHANGE });
  repo.commit('change');
});
afterAll(() => repo.dispose());

const trace = (...args: string[]): CliResult =>
  slipway(['trace', '--base', 'main', ...args], { cwd: repo.dir });

describe('slipway trace on a history with a custom column type', () => {
  it('builds the three tables with a stand-in, traces the later ops on them, and says so in one line', () => {
    const text = trace();
    expect(text.stderr).toBe('');
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      'Traced 4 statements: 4 ran; 1 ran with a stand-in column type. The schema before them: 3 statements, 0 failed.',
    );
    expect(lines).toContain(
      '  3 tables built with text in place of column type GUID: claims that depend on the type are not proved there (first: alembic/versions/a1_base.py:16)',
    );
    expect(text.stdout).not.toContain('does not exist');
    expect(text.code).toBe(0);
  }, 180_000);

  it('proves the locks of the later ops, and no claim that depends on the type from the stand-in', () => {
    const r = trace('--format', 'json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    const at = (line: number) => report.statements.find((s: { line: number }) => s.line === line);
    expect(report.statements.map((s: { status: string }) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(at(9).locks).toContainEqual({ mode: 'AccessExclusiveLock', relation: 'users' });
    expect(at(10).locks).toContainEqual({ mode: 'ShareLock', relation: 'teams' });
    // The change from GUID ran as one from text: its lock is read, its rewrite says nothing.
    expect(at(11).standIns).toEqual([
      { table: 'memberships', column: 'user_id', type: 'GUID', ranAs: 'text' },
    ]);
    expect(at(12).standIns).toBeUndefined();
    const verdict = (rule: string, line: number) =>
      report.findings.find((f: { rule: string; line: number }) => f.rule === rule && f.line === line);
    expect(verdict('MIG024', 11)).toMatchObject({
      verdict: 'not-measured',
      evidence:
        'column memberships.user_id ran as text in place of its type GUID: a rewrite depends on the real type',
    });
    expect(verdict('MIG020', 10)?.verdict).toBe('confirmed');
    // Nothing the type decides is confirmed or contradicted from a statement that ran on a stand-in.
    const standInLines = new Set(
      report.statements
        .filter((s: { standIns?: unknown[] }) => s.standIns)
        .map((s: { line: number }) => s.line),
    );
    for (const f of report.findings)
      if (['MIG024', 'MIG028'].includes(f.rule) && standInLines.has(f.line))
        expect(f.verdict).toBe('not-measured');
    expect(report.summary.standIns).toEqual([
      {
        type: 'GUID',
        ranAs: 'text',
        tables: ['users', 'teams', 'memberships'],
        first: { file: 'alembic/versions/a1_base.py', line: 16 },
      },
    ]);
    expect(report.notTraced).toEqual([]);
    expect(report.setupErrors).toEqual([]);
  }, 180_000);
});

describe('slipway trace on a history that needs an extension the embedded PostgreSQL lacks', () => {
  let ext: TempRepo;
  beforeAll(() => {
    ext = new TempRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
      'alembic/versions/a1_base.py': revision('a1', null, [
        'op.execute("CREATE EXTENSION IF NOT EXISTS postgis")',
        'op.execute("CREATE TABLE places (id int PRIMARY KEY, at geometry(Point, 4326))")',
        'op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))',
      ]),
      'alembic/versions/b2_change.py': revision('b2', 'a1', [
        'op.add_column("places", sa.Column("name", sa.Text()))',
        'op.create_index("ix_places_name", "places", ["name"])',
        'op.add_column("users", sa.Column("email", sa.Text()))',
      ]),
    });
    ext.commit('history');
  });
  afterAll(() => ext.dispose());

  it('counts what needed it under the extension, in one line, and traces the rest', () => {
    const r = slipway(['trace', 'alembic/versions/b2_change.py'], { cwd: ext.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      '  1 step failed, 3 later steps failed for it: extension postgis: the embedded PostgreSQL does not have it (first: alembic/versions/a1_base.py:9)',
    );
    // The follow-ons are counted, not printed; the step on users, which needs no extension, ran.
    expect(r.stdout).not.toContain('does not exist');
    expect(r.stdout).toContain(
      'alembic/versions/b2_change.py:11  ALTER TABLE "users" ADD COLUMN "email" text',
    );
    const verbose = slipway(['trace', 'alembic/versions/b2_change.py', '--verbose'], { cwd: ext.dir });
    expect(verbose.stdout).toContain(
      'error: relation "places" does not exist (follows from: extension postgis: the embedded PostgreSQL does not have it)',
    );
    expect(r.code).toBe(1);
  }, 180_000);
});
