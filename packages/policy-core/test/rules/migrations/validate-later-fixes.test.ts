import type { Finding, Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProven, type Files, runAll } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';

beforeAll(ready);

/**
 * The validate-later fix of MIG025, MIG026 and MIG023: NOT VALID in place, VALIDATE in a new
 * migration named as its runner names them. Each certain fix is proven (applied, the rules say
 * nothing more); each near miss is reported with no fix, or with a suggestion --fix leaves alone.
 */
const RULES = ['MIG023', 'MIG025', 'MIG026'];
const PATH = 'db/migrations/002_c.sql';
const FK = 'ALTER TABLE orders ADD CONSTRAINT fk_o FOREIGN KEY (user_id) REFERENCES users (id);';
const CK = 'ALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0);';
const NN = 'ALTER TABLE orders ALTER COLUMN note SET NOT NULL;';
const INIT =
  'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint, user_id bigint, price int, note text);\n';
const sql = (runner: string, files: Files, extra = ''): Files => ({
  'slipway.yaml': `version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: ${runner}\n${extra}`,
  ...files,
});

/** The findings of the three rules, and the one fix they share (undefined when none has one). */
function sharedFix(files: Files, count: number): Fix | undefined {
  const found = runAll(files).filter((f: Finding) => RULES.includes(f.rule));
  expect(found).toHaveLength(count);
  const fixes = new Set(found.flatMap((f) => f.fixes ?? []));
  expect(fixes.size).toBeLessThanOrEqual(1);
  return [...fixes][0];
}

/** Proves a fix for all three rules at once: none reports, nothing else is new. */
function proven(files: Files, fix: Fix): Files {
  const fixed = expectProven('MIG025', files, fix, ['MIG023', 'MIG026']);
  expect(runAll(fixed).filter((f) => RULES.includes(f.rule))).toEqual([]);
  return fixed;
}

describe('validate-later fixes in .sql series', () => {
  it('plain: all three NOT VALID in place, one new numbered migration validates them in order', () => {
    const files = sql('plain', { 'db/migrations/001_init.sql': INIT, [PATH]: `${FK}\n${CK}\n${NN}\n` });
    const fix = sharedFix(files, 3) as Fix;
    expect(fix.choice).toBeUndefined();
    const fixed = proven(files, fix);
    expect(fixed[PATH]).toBe(
      `${FK.replace(';', ' NOT VALID;')}\n${CK.replace(';', ' NOT VALID;')}\nALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID;\n`,
    );
    expect(fixed['db/migrations/003_validate_constraints.sql']).toBe(
      "-- Validates what 002_c.sql added NOT VALID, in a migration of its own.\nSET lock_timeout = '5s';\n" +
        'ALTER TABLE orders VALIDATE CONSTRAINT fk_o;\nALTER TABLE orders VALIDATE CONSTRAINT ck_price;\n' +
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_note_not_null;\n' +
        '-- slipway: allow MIG023 -- orders_note_not_null, validated just before, proves the column: PostgreSQL 12+ sets NOT NULL without a scan\n' +
        'ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_note_not_null;\n',
    );
  });

  it.each([
    [
      'goose, timestamped',
      'goose',
      {
        'db/migrations/20240101120000_init.sql': `-- +goose Up\n${INIT}`,
        'db/migrations/20240102120000_c.sql': `-- +goose Up\n${FK}\n\n-- +goose Down\nALTER TABLE orders DROP CONSTRAINT fk_o;\n`,
      },
      'db/migrations/20240102120001_validate_fk_o.sql',
      "-- +goose Up\n-- Validates what 20240102120000_c.sql added NOT VALID, in a migration of its own.\nSET lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT fk_o;\n\n-- +goose Down\n-- Nothing to undo: validating changes no schema; 20240102120000_c.sql's way back drops the constraint.\n",
    ],
    [
      'dbmate',
      'dbmate',
      {
        'db/migrations/001_init.sql': `-- migrate:up\n${INIT}`,
        [PATH]: `-- migrate:up\n${CK}\n\n-- migrate:down\n`,
      },
      'db/migrations/003_validate_ck_price.sql',
      "-- migrate:up\n-- Validates what 002_c.sql added NOT VALID, in a migration of its own.\nSET lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT ck_price;\n\n-- migrate:down\n-- Nothing to undo: validating changes no schema; 002_c.sql's way back drops the constraint.\n",
    ],
    [
      'sql-migrate',
      'sql-migrate',
      {
        'db/migrations/1_init.sql': `-- +migrate Up\n${INIT}`,
        'db/migrations/2_c.sql': `-- +migrate Up\n${CK}\n`,
      },
      'db/migrations/3_validate_ck_price.sql',
      "-- +migrate Up\n-- Validates what 2_c.sql added NOT VALID, in a migration of its own.\nSET lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT ck_price;\n\n-- +migrate Down\n-- Nothing to undo: validating changes no schema; 2_c.sql's way back drops the constraint.\n",
    ],
    [
      'Flyway, whose versions are numbers (V9, then V10)',
      'flyway',
      { 'db/migrations/V1__init.sql': INIT, 'db/migrations/V9__c.sql': `${CK}\n` },
      'db/migrations/V10__validate_ck_price.sql',
      "-- Validates what V9__c.sql added NOT VALID, in a migration of its own.\nSET lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT ck_price;\n",
    ],
  ])("%s: the new migration in the runner's shape", (_name, runner, tree, path, want) => {
    const fixed = proven(sql(runner, tree), sharedFix(sql(runner, tree), 1) as Fix);
    expect(fixed[path]).toBe(want);
  });

  it('golang-migrate: an up/down pair; the way back of SET NOT NULL drops it', () => {
    const tree = {
      'db/migrations/000001_init.up.sql': INIT,
      'db/migrations/000001_init.down.sql': 'DROP TABLE orders;\nDROP TABLE users;\n',
      'db/migrations/000002_nn.up.sql': `${NN}\n`,
      'db/migrations/000002_nn.down.sql': 'ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;\n',
    };
    const fixed = proven(sql('golang-migrate', tree), sharedFix(sql('golang-migrate', tree), 1) as Fix);
    expect(fixed['db/migrations/000003_validate_note_not_null.up.sql']).toContain(
      'VALIDATE CONSTRAINT orders_note_not_null;\n',
    );
    expect(fixed['db/migrations/000003_validate_note_not_null.down.sql']).toBe(
      'ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;\n',
    );
  });

  it('a migration that is not the last of its series: a suggestion that says why', () => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': INIT,
      [PATH]: `${FK}\n`,
      'db/migrations/003_more.sql': 'SELECT 1;\n',
    });
    const fix = sharedFix(files, 1) as Fix;
    expect(fix.choice).toBe(true);
    expect(fix.title).toBe(
      'Add it NOT VALID and VALIDATE in a new migration, db/migrations/004_validate_fk_o.sql (a suggestion: 002_c.sql is not the last migration of its series (db/migrations/003_more.sql is))',
    );
  });

  // Near misses: reported with no fix (the fix would not be certain), or not reported at all.
  it.each([
    [
      'two actions in one statement',
      'plain',
      `ALTER TABLE orders ADD CONSTRAINT a CHECK (price > 0), ADD CONSTRAINT b CHECK (price < 9);\n`,
      2,
    ],
    ['an unnamed constraint', 'plain', 'ALTER TABLE orders ADD CHECK (price >= 0);\n', 1],
    [
      'a comment inside the statement',
      'plain',
      'ALTER TABLE orders ADD CONSTRAINT ck CHECK (price >= 0) -- why\n;\n',
      1,
    ],
    ['sqitch (a naming the fix does not write)', 'sqitch', `${CK}\n`, 1],
    [
      'a table created in the same migration (no hazard)',
      'plain',
      `CREATE TABLE items (id bigint, n int);\nALTER TABLE items ADD CONSTRAINT ck_n CHECK (n > 0);\n`,
      0,
    ],
    ['a constraint already NOT VALID', 'plain', `${CK.replace(';', ' NOT VALID;')}\n`, 0],
  ])('%s: no fix', (_name, runner, text, count) => {
    const files = sql(runner, { 'db/migrations/001_init.sql': INIT, [PATH]: text });
    expect(sharedFix(files, count)).toBeUndefined();
  });

  it('a plain series at 99 (100 would sort before 99 as a string): no fix', () => {
    const files = sql('plain', { 'db/migrations/01_init.sql': INIT, 'db/migrations/99_c.sql': `${CK}\n` });
    expect(sharedFix(files, 1)).toBeUndefined();
  });

  it('SET NOT NULL before PostgreSQL 12 (no check can prove the column): no fix', () => {
    const files = sql(
      'plain',
      { 'db/migrations/001_init.sql': INIT, [PATH]: `${NN}\n` },
      '  postgres_version: 11\n',
    );
    expect(sharedFix(files, 1)).toBeUndefined();
  });
});

describe('validate-later fixes in Alembic', () => {
  const A1 = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.BigInteger(), primary_key=True))\n    op.create_table("orders", sa.Column("id", sa.BigInteger()), sa.Column("user_id", sa.BigInteger()), sa.Column("note", sa.Text()))\n\n\ndef downgrade():\n    op.drop_table("orders")\n    op.drop_table("users")\n`;
  const revision = (upgrade: string, downgrade: string, more: Files = {}): Files => ({
    'alembic/versions/a1_init.py': A1,
    'alembic/versions/b2_c.py': `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`,
    ...more,
  });
  const FK_CALL = '    op.create_foreign_key(op.f("fk_o"), "orders", "users", ["user_id"], ["id"])';

  it('op.f() name: postgresql_not_valid=True, and a new revision after the head validates it', () => {
    const files = revision(FK_CALL, '    op.drop_constraint(op.f("fk_o"), "orders", type_="foreignkey")');
    const fix = sharedFix(files, 1) as Fix;
    expect(fix.choice).toBeUndefined();
    const fixed = proven(files, fix);
    expect(fixed['alembic/versions/b2_c.py']).toContain(
      `${FK_CALL.slice(0, -1)}, postgresql_not_valid=True)\n`,
    );
    const created = Object.keys(fixed).find((p) => p.endsWith('_validate_fk_o.py')) as string;
    const id = /^alembic\/versions\/([0-9a-f]{12})_validate_fk_o\.py$/.exec(created)?.[1];
    expect(fixed[created]).toBe(
      `"""Validate what b2 added NOT VALID\n\nRevision ID: ${id}\nRevises: b2\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = "b2"\nbranch_labels = None\ndepends_on = None\n\n\n` +
        `def upgrade():\n    op.execute("SET lock_timeout = '5s'")\n    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT fk_o")\n\n\n` +
        `def downgrade():\n    # Nothing to undo: validating changes no schema; b2's downgrade drops the constraint.\n    pass\n`,
    );
  });

  it('op.alter_column(nullable=False): a CHECK NOT VALID now; validated, set and dropped in the new revision', () => {
    const files = revision(
      '    op.alter_column("orders", "note", existing_type=sa.Text(), nullable=False)',
      '    op.alter_column("orders", "note", existing_type=sa.Text(), nullable=True)',
    );
    const fixed = proven(files, sharedFix(files, 1) as Fix);
    expect(fixed['alembic/versions/b2_c.py']).toContain(
      'def upgrade():\n    op.create_check_constraint(op.f("orders_note_not_null"), "orders", "note IS NOT NULL", postgresql_not_valid=True)\n',
    );
    const created = Object.keys(fixed).find((p) => p.endsWith('_validate_note_not_null.py')) as string;
    expect(fixed[created]).toContain(
      '    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_note_not_null")\n    # slipway: allow MIG023',
    );
    expect(fixed[created]).toContain(
      'def downgrade():\n    op.alter_column("orders", "note", existing_type=sa.Text(), nullable=True)\n',
    );
  });

  it('a bare name (a naming_convention could rename it) or a revision that is not the head: a suggestion', () => {
    const bare = revision('    op.create_check_constraint("ck_price", "orders", "id >= 0")', '    pass');
    expect((sharedFix(bare, 1) as Fix).title).toMatch(
      /\(a suggestion: "ck_price" is not wrapped in op\.f\(\)/,
    );
    const notHead = revision(FK_CALL, '    pass', {
      'alembic/versions/c3_next.py':
        'from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n',
    });
    const fix = sharedFix(notHead, 1) as Fix;
    expect(fix.choice).toBe(true);
    expect(fix.title).toMatch(/\(a suggestion: b2 is not the head \(c3 is\)\)$/);
  });

  it('two heads: a suggestion after this revision when it is one of them, no fix when it is not', () => {
    const side = (down: string) =>
      `from alembic import op\n\nrevision = "c3"\ndown_revision = "${down}"\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;
    const twoHeads = revision(FK_CALL, '    pass', { 'alembic/versions/c3_side.py': side('a1') });
    const fix = sharedFix(twoHeads, 1) as Fix;
    expect(fix.choice).toBe(true);
    expect(fix.title).toMatch(/\(a suggestion: the history has 2 heads \(b2, c3\)\)$/);
    expect(fix.edits.find((e) => e.create)?.newText).toContain('down_revision = "b2"');
    // b2 with two revisions after it (a branch point) is no head: where the VALIDATE goes is not known.
    const notAHead = revision(FK_CALL, '    pass', {
      'alembic/versions/c3_side.py': side('b2'),
      'alembic/versions/d4_side.py': side('b2').replace(/c3/g, 'd4'),
    });
    expect(sharedFix(notAHead, 1)).toBeUndefined();
  });

  // Near misses in the revision itself: reported, no fix.
  it.each([
    ['the call inside an if (it may not run; the VALIDATE would)', `    if True:\n    ${FK_CALL}`],
    ['postgresql_not_valid=False written', `${FK_CALL.slice(0, -1)}, postgresql_not_valid=False)`],
    [
      'the constraint added through op.execute',
      '    op.execute("ALTER TABLE orders ADD CONSTRAINT fk_o FOREIGN KEY (user_id) REFERENCES users (id)")',
    ],
    [
      'a schema named',
      '    op.create_foreign_key(op.f("fk_o"), "orders", "users", ["user_id"], ["id"], source_schema="s")',
    ],
  ])('%s: no fix', (_name, upgrade) => {
    expect(sharedFix(revision(upgrade, '    pass'), 1)).toBeUndefined();
  });
});
