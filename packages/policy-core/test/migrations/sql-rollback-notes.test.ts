import { describe, expect, it } from 'vitest';
import { MemoryRepo, type Policy, sqlRollbackNotes } from '../../src/index.js';

const T = 'a1b2c3d4e5f6a7b8';
const SHORT = T.slice(0, 12);
type Section = NonNullable<Policy['migrations']>;

/** The notes for `target` (names only) and `current` (names and texts) under `section`. */
function notes(section: Partial<Section>, target: string[], current: Record<string, string>): string[] {
  return sqlRollbackNotes(section as Section, target, new MemoryRepo(current), T);
}

describe('rollback notes for .sql migrations: what an app rollback leaves applied', () => {
  it('lists the forward files added since the target, newest first in their runner order, with no way back for plain files', () => {
    const n = notes({ sql: ['db/*.sql'] }, ['db/0001_a.sql'], {
      'db/0001_a.sql': '',
      'db/0002_b.sql': '',
      'db/0010_c.sql': '',
      'docs/x.sql': '',
    });
    expect(n).toEqual([
      `not undone: 2 SQL migrations in db/ added since ${SHORT} stay applied to the database (an app rollback leaves it alone), newest first:`,
      '  db/0010_c.sql  plain .sql migrations have no way back: undo it by hand',
      '  db/0002_b.sql  plain .sql migrations have no way back: undo it by hand',
      "  to undo them: run each way back, newest first, with the current code, before the rollback (the target's code does not have these files); or keep them if the target's code runs on the new schema",
    ]);
  });

  it("names golang-migrate's .down.sql when it is there, and says when it is not; down files are never listed", () => {
    const n = notes({ sql: ['migrations/*.sql'], sql_runner: 'golang-migrate' }, [], {
      'migrations/1_users.up.sql': '',
      'migrations/1_users.down.sql': '',
      'migrations/2_orders.up.sql': '',
    });
    expect(n.slice(1, 3)).toEqual([
      '  migrations/2_orders.up.sql  no way back: migrations/2_orders.down.sql is not there',
      '  migrations/1_users.up.sql  way back: migrations/1_users.down.sql',
    ]);
    expect(n[0]).toContain('2 SQL migrations in migrations/');
  });

  it("reads goose's Down section: there with a statement, missing, or holding only comments", () => {
    const n = notes({ sql: ['db/*.sql'], sql_runner: 'goose' }, [], {
      'db/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n',
      'db/002_b.sql': '-- +goose Up\nCREATE TABLE b (id int);\n',
      'db/003_c.sql': '-- +goose Up\nCREATE TABLE c (id int);\n-- +goose Down\n-- nothing to undo\n',
    });
    expect(n.slice(1, 4)).toEqual([
      '  db/003_c.sql  no way back: its Down section is missing or empty',
      '  db/002_b.sql  no way back: its Down section is missing or empty',
      '  db/001_a.sql  way back: its Down section',
    ]);
  });

  it('one note per series (Prisma folders: the series is the folder above), and a long list is counted', () => {
    const current: Record<string, string> = { 'prisma/migrations/20240101000000_init/migration.sql': '' };
    for (let i = 0; i < 25; i++) current[`db/${String(i).padStart(3, '0')}_x.sql`] = '';
    const n = notes({ sql: ['db/*.sql', 'prisma/migrations/*/migration.sql'] }, [], current);
    expect(n.filter((l) => l.startsWith('not undone:'))).toEqual([
      `not undone: 25 SQL migrations in db/ added since ${SHORT} stay applied to the database (an app rollback leaves it alone), newest first:`,
      `not undone: 1 SQL migration in prisma/migrations/ added since ${SHORT} stays applied to the database (an app rollback leaves it alone), newest first:`,
    ]);
    expect(n[1]).toBe('  db/024_x.sql  plain .sql migrations have no way back: undo it by hand');
    expect(n).toContain('  … and 5 more');
  });

  it('near misses: nothing added, files outside the patterns, and a policy without sql patterns give no note', () => {
    expect(notes({ sql: ['db/*.sql'] }, ['db/1.sql'], { 'db/1.sql': '', 'other/2.sql': '' })).toEqual([]);
    expect(notes({ alembic: 'alembic/versions' }, [], { 'db/1.sql': '' })).toEqual([]);
    expect(notes({ sql: ['db/*.sql'], sql_runner: 'golang-migrate' }, [], { 'db/1_a.down.sql': '' })).toEqual(
      [],
    );
  });
});
