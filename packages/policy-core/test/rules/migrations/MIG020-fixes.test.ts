import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProven, type Files, findingsOf } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';

beforeAll(ready);

const PATH = 'db/migrations/002_ix.sql';
const INDEX = 'CREATE UNIQUE INDEX ix_users_email ON users (email);';
const under = (runner: string, sql: string, more: Files = {}): Files => ({
  'slipway.yaml': `version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: ${runner}\n`,
  'db/migrations/001_users.sql': 'CREATE TABLE users (id bigint, email text);\n',
  [PATH]: sql,
  ...more,
});
/** The one fix of MIG020's one finding, and MIG037's fixes on the same file. */
function fixesOf(files: Files): { fix: Fix | undefined; mig037: Fix[] } {
  const found = findingsOf('MIG020', files);
  expect(found).toHaveLength(1);
  expect(found[0]?.fixes?.length ?? 0).toBeLessThanOrEqual(1);
  const mig037 = findingsOf('MIG037', files).filter((f) => f.file === PATH);
  return { fix: found[0]?.fixes?.[0], mig037: mig037.flatMap((f) => f.fixes ?? []) };
}

describe('MIG020 fixes', () => {
  // Each runner with the way out of its transaction the fix writes. MIG037's SET is not offered
  // beside it: sent in one query string with the build, it would put it back in a transaction.
  const cases: [string, string, string][] = [
    [
      'goose',
      `-- +goose Up\n${INDEX}\n\n-- +goose Down\nDROP INDEX ix_users_email;\n`,
      `-- +goose NO TRANSACTION\n-- +goose Up\n${INDEX.replace('INDEX', 'INDEX CONCURRENTLY')}\n\n-- +goose Down\nDROP INDEX ix_users_email;\n`,
    ],
    [
      'dbmate',
      `-- migrate:up\n${INDEX}\n\n-- migrate:down\nDROP INDEX ix_users_email;\n`,
      `-- migrate:up transaction:false\n${INDEX.replace('INDEX', 'INDEX CONCURRENTLY')}\n\n-- migrate:down\nDROP INDEX ix_users_email;\n`,
    ],
    ['golang-migrate', `${INDEX}\n`, `${INDEX.replace('INDEX', 'INDEX CONCURRENTLY')}\n`],
  ];
  it.each(cases)(
    '%s: CONCURRENTLY and the way out of the transaction; nothing new reported',
    (runner, sql, want) => {
      const files = under(runner, sql);
      const { fix, mig037 } = fixesOf(files);
      expect(mig037).toEqual([]);
      const fixed = expectProven('MIG020', files, fix as Fix, ['MIG037']);
      expect(fixed[PATH]).toBe(want);
      // MIG021 would report a CONCURRENTLY still in a transaction: it does not.
      expect(findingsOf('MIG021', fixed)).toEqual([]);
    },
  );

  // Near misses: reported, no fix, where the build cannot leave the transaction for certain.
  const noFix: [string, Files][] = [
    ['plain psql (--single-transaction would wrap it)', under('plain', `${INDEX}\n`)],
    [
      'a second statement in the file',
      under('golang-migrate', `ALTER TABLE users ADD COLUMN bio text;\n${INDEX}\n`),
    ],
    ['an explicit BEGIN block', under('golang-migrate', `BEGIN;\n${INDEX}\nCOMMIT;\n`)],
    [
      'goose with a way back of two statements (NO TRANSACTION would split it)',
      under('goose', `-- +goose Up\n${INDEX}\n-- +goose Down\nDROP INDEX ix_users_email;\nSELECT 1;\n`),
    ],
    ['sql-migrate (a runner the fix does not write for)', under('sql-migrate', `-- +migrate Up\n${INDEX}\n`)],
  ];
  it.each(noFix)('%s: reported, no fix', (_name, files) => {
    expect(fixesOf(files).fix).toBeUndefined();
  });

  it('offers MIG037 its own fix where MIG020 has none', () => {
    const { fix, mig037 } = fixesOf(under('plain', `${INDEX}\n`));
    expect(fix).toBeUndefined();
    expect(mig037.map((f) => f.title)).toEqual(["Add SET lock_timeout = '5s'; before it"]);
  });

  describe('in an Alembic revision', () => {
    const REV = 'alembic/versions/b2_ix.py';
    const revision = (upgrade: string): Files => ({
      'alembic/versions/a1_users.py': `from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.BigInteger()), sa.Column("email", sa.Text()))\n`,
      [REV]: `from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    op.drop_index("ix_users_email", table_name="users")\n`,
    });
    const alembicFix = (files: Files): Fix | undefined => {
      const found = findingsOf('MIG020', files);
      expect(found).toHaveLength(1);
      return found[0]?.fixes?.[0];
    };

    it.each([
      [
        'one line',
        '    op.create_index("ix_users_email", "users", ["email"])  # by email',
        '    with op.get_context().autocommit_block():\n        op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)  # by email',
      ],
      [
        'several lines, with a trailing comma',
        '    op.create_index(\n        "ix_users_email",\n        "users",\n        ["email"],\n    )',
        '    with op.get_context().autocommit_block():\n        op.create_index(\n            "ix_users_email",\n            "users",\n            ["email"], postgresql_concurrently=True,\n        )',
      ],
    ])('%s: the call, concurrent, in autocommit_block(); nothing new reported', (_name, upgrade, want) => {
      const files = revision(upgrade);
      const fixed = expectProven('MIG020', files, alembicFix(files) as Fix, ['MIG037']);
      expect(fixed[REV]).toContain(`def upgrade():\n${want}\n`);
      expect(findingsOf('MIG021', fixed)).toEqual([]);
    });

    it("applied with MIG037's fix, both land: the SET first, then the block", () => {
      const files = revision('    op.create_index("ix_users_email", "users", ["email"])');
      const set = findingsOf('MIG037', files)[0]?.fixes?.[0] as Fix;
      const both = { title: 'both', edits: [...set.edits, ...(alembicFix(files) as Fix).edits] };
      const fixed = expectProven('MIG020', files, both, ['MIG037']);
      expect(fixed[REV]).toContain(
        `def upgrade():\n    op.execute("SET lock_timeout = '5s'")\n    with op.get_context().autocommit_block():\n        op.create_index(`,
      );
    });

    // Near misses: the block would take other operations out of the transaction, or the call's
    // lines cannot be moved for certain.
    it.each([
      [
        'another operation in upgrade()',
        '    op.add_column("users", sa.Column("bio", sa.Text()))\n    op.create_index("ix_users_email", "users", ["email"])',
      ],
      [
        'a multi-line string in the call',
        '    op.create_index("ix_users_email", "users", [sa.text("""lower(\nemail)""")])',
      ],
      [
        'postgresql_concurrently=False written',
        '    op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=False)',
      ],
      [
        'the call inside an if',
        '    if True:\n        op.create_index("ix_users_email", "users", ["email"])',
      ],
    ])('%s: reported, no fix', (_name, upgrade) => {
      expect(alembicFix(revision(upgrade))).toBeUndefined();
    });
  });
});
