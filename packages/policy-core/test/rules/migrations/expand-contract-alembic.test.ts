import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProven, type Files, onlyFixOf as fixOf, runAll } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';

beforeAll(ready);

/**
 * The expand/contract fix of MIG011 and MIG024 in Alembic revisions (expand-contract-fixes.test.ts
 * has the .sql series): `op.alter_column` becomes `op.add_column` and the trigger's
 * `op.execute`s, a backfill revision after the head runs in `autocommit_block()`. Proven like every
 * fix; each near miss has no fix.
 */
describe('expand/contract in Alembic revisions', () => {
  const INIT_PY = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("mail", sa.String(255)), sa.Column("age", sa.Integer()))


def downgrade():
    op.drop_table("users")
`;
  const revision = (
    up: string,
    down = 'pass',
    imports = 'from alembic import op\nimport sqlalchemy as sa\n',
  ) =>
    `${imports}\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${down}\n`;
  const alembic = (b2: string, extra: Files = {}): Files => ({
    'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
    'alembic/versions/a1_init.py': INIT_PY,
    'alembic/versions/b2_change.py': b2,
    ...extra,
  });
  const RENAME_PY =
    'op.alter_column("users", "mail", new_column_name="email", existing_type=sa.String(255), existing_nullable=True)';
  const BACK_PY = 'op.alter_column("users", "email", new_column_name="mail", existing_type=sa.String(255))';

  it('a rename: add_column of existing_type, the trigger, the downgrade undone, a backfill revision', () => {
    const files = alembic(revision(RENAME_PY, BACK_PY));
    const fix = fixOf(files, 'MIG011') as Fix;
    expect(fix.choice).toBe(true);
    const created = fix.edits.find((e) => e.create)?.file as string;
    expect(created).toMatch(/^alembic\/versions\/[0-9a-f]{12}_backfill_users_email\.py$/);
    expect(fix.title).toBe(
      `Expand/contract: add "email" beside "mail" (a trigger keeps it filled), backfill in batches in ${created}; switch the code, then drop "mail" in a later release (a suggestion: the old column's type is read from existing_type, so check it)`,
    );
    const fixed = expectProven('MIG011', files, fix);
    const b2 = fixed['alembic/versions/b2_change.py'] as string;
    expect(b2).toContain(
      '    op.add_column("users", sa.Column("email", sa.String(255)))\n    op.execute(\n        """\nCREATE FUNCTION users_mail_email_sync() RETURNS trigger',
    );
    expect(b2).toContain(
      '    op.execute("CREATE TRIGGER users_mail_email_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_mail_email_sync()")\n',
    );
    expect(b2).toContain(
      'def downgrade():\n    op.execute("DROP TRIGGER users_mail_email_sync ON users")\n    op.execute("DROP FUNCTION users_mail_email_sync()")\n    op.drop_column("users", "email")\n',
    );
    const backfill = fixed[created] as string;
    expect(backfill).toContain('revision = "');
    expect(backfill).toContain('down_revision = "b2"');
    expect(backfill).toContain(
      '    with op.get_context().autocommit_block():\n        op.execute(\n            """\nDO $slipway$',
    );
    expect(backfill).toContain('    #   ALTER TABLE users DROP COLUMN mail;\n');
  });

  it('a type change: type_ gives the new column its type; the contract swaps the names', () => {
    const files = alembic(
      revision(
        'op.alter_column("users", "age", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=True)',
      ),
    );
    const fix = fixOf(files, 'MIG024') as Fix;
    const fixed = expectProven('MIG024', files, fix);
    expect(fixed['alembic/versions/b2_change.py']).toContain(
      'op.add_column("users", sa.Column("age_new", sa.BigInteger()))',
    );
    // downgrade() is `pass`: nothing to rewrite, nothing said of it.
    expect(fix.title).toMatch(
      /\(a suggestion: the old column's type is read from existing_type, so check it\)$/,
    );
  });

  it('existing_server_default=None beside existing_nullable=True: still a plain column, offered', () => {
    const files = alembic(revision(`${RENAME_PY.slice(0, -1)}, existing_server_default=None)`, BACK_PY));
    expect(fixOf(files, 'MIG011')?.choice).toBe(true);
  });

  it('a revision id that could not be written into Python as it is: no fix', () => {
    const b2 = revision(RENAME_PY).replace('revision = "b2"', 'revision = "b2\\"x"');
    const found = runAll(alembic(b2)).filter((f) => f.rule === 'MIG011');
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });

  it('a validate-later fix already writes a revision after the head: no second one beside it', () => {
    const files = alembic(
      revision(
        `${RENAME_PY}\n    op.create_foreign_key("fk_users_org", "users", "orgs", ["org_id"], ["id"])`,
      ),
    );
    const found = runAll(files).filter((f) => f.rule === 'MIG011' || f.rule === 'MIG025');
    expect(found.find((f) => f.rule === 'MIG025')?.fixes?.length).toBe(1);
    expect(found.find((f) => f.rule === 'MIG011')?.fixes ?? []).toEqual([]);
  });

  it('a downgrade that is not the plain inverse is left, and the title says so', () => {
    const files = alembic(revision(RENAME_PY, 'op.execute("SELECT 1")'));
    expect((fixOf(files, 'MIG011') as Fix).title).toMatch(
      /\(a suggestion: the old column's type is read from existing_type, so check it; its downgrade is left as it was\)$/,
    );
  });

  it('not the head: the backfill follows the head, and the title says so', () => {
    const c3 = revision('op.execute("SELECT 1")').replace(
      'revision = "b2"\ndown_revision = "a1"',
      'revision = "c3"\ndown_revision = "b2"',
    );
    const files = alembic(revision(RENAME_PY, BACK_PY), { 'alembic/versions/c3_next.py': c3 });
    const fix = fixOf(files, 'MIG011') as Fix;
    expect(fix.title).toMatch(
      /\(a suggestion: the old column's type is read from existing_type, so check it; b2 is not the head \(c3 is\)\)$/,
    );
    expect(fix.edits.find((e) => e.create)?.newText).toContain('down_revision = "c3"');
  });

  it.each([
    [
      'no existing_type: the type is not said',
      revision('op.alter_column("users", "mail", new_column_name="email")'),
    ],
    [
      'the rename also sets NOT NULL',
      revision(
        'op.alter_column("users", "mail", new_column_name="email", existing_type=sa.String(255), nullable=False)',
      ),
    ],
    [
      'a USING expression',
      revision('op.alter_column("users", "id", type_=sa.BigInteger(), postgresql_using="id * 2")'),
    ],
    [
      'sqlalchemy not imported as sa',
      revision(RENAME_PY, 'pass', 'from alembic import op\nimport sqlalchemy\nsa = sqlalchemy\n'),
    ],
    ['inside an if', revision(`if True:\n        ${RENAME_PY}`)],
    [
      'existing_nullable not said (the column may be NOT NULL, or a key)',
      revision('op.alter_column("users", "mail", new_column_name="email", existing_type=sa.String(255))'),
    ],
    [
      'NOT NULL (existing_nullable=False: the new column would lack it)',
      revision(RENAME_PY.replace('existing_nullable=True', 'existing_nullable=False')),
    ],
    ['a server default', revision(`${RENAME_PY.slice(0, -1)}, existing_server_default="x")`)],
    ['**kwargs (which may hold schema= or nullable=)', revision(`${RENAME_PY.slice(0, -1)}, **opts)`)],
    [
      'a narrowing type change (BigInteger to Integer)',
      revision('op.alter_column("users", "id", type_=sa.Integer(), existing_type=sa.BigInteger())'),
    ],
    [
      'a type change without existing_type',
      revision('op.alter_column("users", "id", type_=sa.BigInteger())'),
    ],
    ['a new name SQL would fold', revision(RENAME_PY.replace('"email"', '"Email"'))],
    [
      'a schema',
      revision(
        'op.alter_column("users", "mail", new_column_name="email", existing_type=sa.String(255), schema="s")',
      ),
    ],
  ])('near miss, no fix: %s', (_what, b2) => {
    const found = runAll(alembic(b2)).filter((f) => f.rule === 'MIG011' || f.rule === 'MIG024');
    expect(found.length).toBeGreaterThan(0);
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });
});
