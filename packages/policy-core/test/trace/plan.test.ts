import { buildTracePlan, initMigrationParsers, renderAlembicUpgrade } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(initMigrationParsers);

const module = (body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n${body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;

describe('Alembic op.* calls rendered as the DDL they run', () => {
  it('renders each understood call at its line, as PostgreSQL DDL', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'op.create_table("t", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("n", sa.String(20), nullable=False, server_default="x"))',
          'op.add_column("t", sa.Column("u", sa.Uuid(), server_default=sa.text("gen_random_uuid()")))',
          'op.add_column("t", sa.Column("b", sa.Boolean(), server_default=sa.sql.expression.false()))',
          'op.create_check_constraint("ck", "t", "n <> \'\'", postgresql_not_valid=True)',
          'op.create_unique_constraint("uq", "t", ["n"])',
          'with op.get_context().autocommit_block():',
          '    op.create_index("ix", "t", ["n"], postgresql_concurrently=True)',
          'op.alter_column("t", "n", nullable=True, new_column_name="m")',
          'with op.batch_alter_table("t") as batch_op:',
          '    batch_op.drop_column("u")',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql, s.outsideTransaction])).toEqual([
      [9, 'CREATE TABLE "t" ("id" bigint PRIMARY KEY, "n" varchar(20) DEFAULT \'x\' NOT NULL)', false],
      [10, 'ALTER TABLE "t" ADD COLUMN "u" uuid DEFAULT gen_random_uuid()', false],
      [11, 'ALTER TABLE "t" ADD COLUMN "b" boolean DEFAULT false', false],
      [12, 'ALTER TABLE "t" ADD CONSTRAINT "ck" CHECK (n <> \'\') NOT VALID', false],
      [13, 'ALTER TABLE "t" ADD CONSTRAINT "uq" UNIQUE ("n")', false],
      [15, 'CREATE INDEX CONCURRENTLY "ix" ON "t" ("n")', true],
      [16, 'ALTER TABLE "t" ALTER COLUMN "n" DROP NOT NULL', false],
      [16, 'ALTER TABLE "t" RENAME COLUMN "n" TO "m"', false],
      [18, 'ALTER TABLE "t" DROP COLUMN "u"', false],
    ]);
    expect(r.notTraced).toEqual([]);
  });

  it("renders create_table's table constraints as autogenerate writes them", () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'op.create_table("t",',
          '    sa.Column("id", sa.Integer(), nullable=False),',
          '    sa.Column("a", sa.Integer()), sa.Column("b", sa.Integer()), sa.Column("u", sa.Integer()),',
          '    sa.PrimaryKeyConstraint("id", name=op.f("pk_t")),',
          '    sa.UniqueConstraint("a", "b"),',
          '    sa.CheckConstraint("a > 0", name="ck_t_a"),',
          '    sa.ForeignKeyConstraint(["u"], ["app.users.id"], name="fk_t_u", ondelete="set  null", onupdate="CASCADE"),',
          ')',
          'op.create_table("v", sa.Column("id", sa.Integer()), sa.ForeignKeyConstraint(["id"], ["t.id"], ondelete="DROP TABLE t"))',
          'op.create_table("w", sa.Column("id", sa.Integer()), sa.Index("ix_w", "id", sa.text("lower(n)"), unique=True))',
          'op.create_table("x", sa.Column("id", sa.Integer()), sa.Index("ix_x", column_names))',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [
        9,
        'CREATE TABLE "t" ("id" integer NOT NULL, "a" integer, "b" integer, "u" integer, ' +
          'CONSTRAINT "pk_t" PRIMARY KEY ("id"), UNIQUE ("a", "b"), CONSTRAINT "ck_t_a" CHECK (a > 0), ' +
          'CONSTRAINT "fk_t_u" FOREIGN KEY ("u") REFERENCES "app"."users" ("id") ON DELETE SET NULL ON UPDATE CASCADE)',
      ],
      // An sa.Index among the elements is created after the table, as SQLAlchemy does.
      [18, 'CREATE TABLE "w" ("id" integer)'],
      [18, 'CREATE UNIQUE INDEX "ix_w" ON "w" ("id", lower(n))'],
    ]);
    // Text that is not one of PostgreSQL's referential actions is never spliced into the DDL.
    expect(r.notTraced.map((n) => [n.line, n.reason])).toEqual([
      [17, "op.create_table: ondelete that is not one of PostgreSQL's actions"],
      [19, 'op.create_table: an index column that is neither a name nor sa.text("...")'],
    ]);
  });

  it('renders two primary_key=True columns as one composite key, as SQLAlchemy does', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'op.create_table("tags", sa.Column("res_id", sa.BigInteger(), nullable=False, primary_key=True),',
          '    sa.Column("tag", sa.String(60), nullable=False, primary_key=True), sa.Column("note", sa.Text()))',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE "tags" ("res_id" bigint NOT NULL, "tag" varchar(60) NOT NULL, "note" text, PRIMARY KEY ("res_id", "tag"))',
    ]);
  });

  it('renders index expressions, the access method, INCLUDE and a partial index', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'op.create_index("ix_lower", "u", [sa.literal_column("lower(email)")], unique=True)',
          'op.create_index("ix_part", "u", ["a", sa.text("b DESC")], postgresql_using="btree", postgresql_include=["c"], postgresql_where=sa.text("deleted_at IS NULL"))',
          'op.create_index("ix_bad", "u", ["a"], postgresql_using="gin; DROP TABLE u")',
          'op.create_index("ix_dyn", "u", [column_name])',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => s.sql)).toEqual([
      'CREATE UNIQUE INDEX "ix_lower" ON "u" (lower(email))',
      'CREATE INDEX "ix_part" ON "u" USING btree ("a", b DESC) INCLUDE ("c") WHERE deleted_at IS NULL',
    ]);
    expect(r.notTraced.map((n) => n.reason)).toEqual([
      'op.create_index: postgresql_using that is not an access method name',
      'op.create_index: an index column that is neither a name nor sa.text("...")',
    ]);
  });

  it('follows a dialect test made through a helper, and stops at a return PostgreSQL reaches', () => {
    const src = module(
      [
        'if not is_postgres():',
        '    op.drop_column("t", "sqlite_only")',
        'op.add_column("t", sa.Column("n", sa.Integer()))',
        'if op.get_bind().dialect.name != "sqlite":',
        '    return',
        'op.drop_column("t", "z")',
      ].join('\n'),
    ).concat('\n\ndef is_postgres():\n    return op.get_context().dialect.name == "postgresql"\n');
    const r = renderAlembicUpgrade('m.py', src);
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [11, 'ALTER TABLE "t" ADD COLUMN "n" integer'],
    ]);
    expect(r.notTraced.map((n) => `${n.line} ${n.reason}`)).toEqual([
      '9 a branch for another database: PostgreSQL does not run it',
      '14 after a return PostgreSQL reaches: not run',
    ]);
  });

  it('renders if_exists and if_not_exists as SQLAlchemy does', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'op.drop_table("old_jobs", if_exists=True)',
          'op.drop_index("ix_old", table_name="jobs", if_exists=True, postgresql_concurrently=True)',
          'op.create_table("jobs", sa.Column("id", sa.Integer()), if_not_exists=True)',
          'op.create_index("ix_jobs", "jobs", ["id"], if_not_exists=True)',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => s.sql)).toEqual([
      'DROP TABLE IF EXISTS "old_jobs"',
      'DROP INDEX CONCURRENTLY IF EXISTS "ix_old"',
      'CREATE TABLE IF NOT EXISTS "jobs" ("id" integer)',
      'CREATE INDEX IF NOT EXISTS "ix_jobs" ON "jobs" ("id")',
    ]);
  });

  it('lists what it does not render, with the reason, never skipping it silently', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'conn = op.get_bind()',
          'op.add_column("t", sa.Column("e", sa.Integer(), MyMarker()))',
          'op.execute(sql)',
          'helper()',
          'op.bulk_insert(table, rows)',
        ].join('\n'),
      ),
    );
    expect(r.statements).toEqual([]);
    expect(r.notTraced.map((n) => `${n.line} ${n.reason}`)).toEqual([
      '9 Python assign statement Slipway does not run',
      '10 op.add_column: column argument MyMarker()',
      '11 op.execute: SQL that is not a literal string',
      '12 helper(...) is Python Slipway does not run',
      '13 op.bulk_insert: not an op Slipway renders',
    ]);
  });

  it('traces the branch of a dialect test that PostgreSQL runs, and lists the others', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          'if op.get_context().dialect.name == "mysql":',
          '    op.execute("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY(a, b)")',
          'elif op.get_context().dialect.name == "postgresql":',
          '    op.drop_constraint("t_pkey", "t", type_="primary")',
          'else:',
          '    op.drop_column("t", "x")',
          'if op.get_context().dialect.name != "sqlite":',
          '    op.add_column("t", sa.Column("n", sa.Integer()))',
          'if feature_enabled():',
          '    op.drop_column("t", "y")',
        ].join('\n'),
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [12, 'ALTER TABLE "t" DROP CONSTRAINT "t_pkey"'],
      [16, 'ALTER TABLE "t" ADD COLUMN "n" integer'],
    ]);
    expect(r.notTraced.map((n) => `${n.line} ${n.reason}`)).toEqual([
      '9 a branch for another database: PostgreSQL does not run it',
      '13 a branch for another database: PostgreSQL does not run it',
      '17 Python if statement Slipway does not run',
    ]);
  });

  it('lists a statement PostgreSQL rejects as not traced, and still plans the others', () => {
    const plan = buildTracePlan(
      [],
      [
        {
          path: 'db/003.sql',
          text: 'ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUM b int;\nDROP INDEX ix;\n',
        },
      ],
    );
    expect(plan.traced.map((s) => s.line)).toEqual([1, 3]);
    expect(plan.notTraced).toEqual([
      {
        file: 'db/003.sql',
        line: 2,
        reason: expect.stringContaining("PostgreSQL's parser rejects it: syntax error"),
        cause: "SQL PostgreSQL's parser rejects",
      },
    ]);
  });
});
