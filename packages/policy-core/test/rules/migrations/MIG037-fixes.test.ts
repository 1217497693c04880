import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Finding, type Fix, toJsonReport } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCaseTree } from '../fixture-case.js';
import { expectProven as proven, type Files, findingsOf } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';

beforeAll(ready);

const CASES = join(__dirname, 'fixtures', 'MIG037');

const mig037 = (files: Files): Finding[] => findingsOf('MIG037', files);
const expectProven = (files: Files, fix: Fix): Files => proven('MIG037', files, fix);

const ENV_PY = `from alembic import context

def run_migrations_offline():
    context.configure(url="postgresql://")
    with context.begin_transaction():
        context.run_migrations()

def run_migrations_online():
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
`;

const PRISMA_POLICY =
  'version: 1\nmigrations:\n  sql: ["prisma/migrations/*/migration.sql"]\n  sql_runner: prisma\n';

describe('MIG037 fixes', () => {
  // Every trigger case of the rule: each SQL, Alembic and Django one has a certain fix that works;
  // a TypeScript stack's (Knex, Kysely …) has none: the message says what to write.
  const triggers = readdirSync(CASES).filter((c) => c.startsWith('trigger'));
  const inTypeScriptStack = (files: Files) => Object.keys(files).some((p) => /\.[cm]?[jt]s$/.test(p));
  const fixable = triggers.filter((name) => !inTypeScriptStack(readCaseTree(join(CASES, name))));
  it.each(fixable)('%s: the one certain fix removes the finding and nothing else changes', (name) => {
    const files = readCaseTree(join(CASES, name));
    const [finding] = mig037(files);
    const certain = (finding?.fixes ?? []).filter((f) => !f.choice);
    expect(certain).toHaveLength(1);
    expectProven(files, certain[0] as Fix);
  });

  it.each(triggers.filter((name) => !fixable.includes(name)))('%s: the finding, and no fix', (name) => {
    const [finding, ...more] = mig037(readCaseTree(join(CASES, name)));
    expect(finding?.message).toMatch(/with no lock_timeout in force/);
    expect(more).toEqual([]);
    expect(finding?.fixes).toBeUndefined();
  });

  it('puts the SET on its own line before the statement, indented like it, in SQL', () => {
    const files = {
      'db/migrations/001_m.sql': 'SELECT 1;\n  -- why\n  ALTER TABLE users ADD COLUMN bio text;\n',
    };
    const [fix] = mig037(files)[0]?.fixes ?? [];
    expect(expectProven(files, fix as Fix)['db/migrations/001_m.sql']).toBe(
      "SELECT 1;\n  -- why\n  SET lock_timeout = '5s';\n  ALTER TABLE users ADD COLUMN bio text;\n",
    );
  });

  it('in a Prisma migration.sql without CONCURRENTLY, puts the SET before the statement as in any SQL file', () => {
    const files = {
      'slipway.yaml': PRISMA_POLICY,
      'prisma/migrations/20240101000000_bio/migration.sql':
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN "bio" TEXT;\n',
    };
    const [fix] = mig037(files)[0]?.fixes ?? [];
    expect(expectProven(files, fix as Fix)['prisma/migrations/20240101000000_bio/migration.sql']).toBe(
      '-- AlterTable\nSET lock_timeout = \'5s\';\nALTER TABLE "User" ADD COLUMN "bio" TEXT;\n',
    );
  });

  // Prisma 7.8.0 and later run a migration.sql statement by statement in deploy and in migrate
  // dev's shadow database (prisma-engines PRs #5767, #5799): a SET beside a CONCURRENTLY build is
  // a query of its own there, so the fix is as in any SQL file.
  const prisma = (version: string, sql: string): Files => ({
    'slipway.yaml': `${PRISMA_POLICY}rules:\n  COV002: off\n`,
    'package.json': JSON.stringify({ name: 'app', devDependencies: { prisma: version } }),
    'prisma/migrations/20240101000000_email/migration.sql': sql,
  });

  it.each([
    ['a plain CREATE INDEX alone', '-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");\n'],
    [
      'a file holding a CONCURRENTLY statement',
      'ALTER TABLE "User" ADD COLUMN "bio" TEXT;\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
    ],
  ])('under Prisma 7.8.0, %s gets the SET before the statement as in any SQL file', (_name, sql) => {
    const files = prisma('7.8.0', sql);
    const [finding] = mig037(files);
    expect(finding?.message).toContain("add SET lock_timeout = '5s'; before it");
    const [fix] = finding?.fixes ?? [];
    const out = expectProven(files, fix as Fix)['prisma/migrations/20240101000000_email/migration.sql'];
    expect(out).toContain("SET lock_timeout = '5s';\n");
  });

  it('puts it before a goose StatementBegin block, which goose sends as one statement', () => {
    const sql = [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'ALTER TABLE users ADD COLUMN bio text;',
      '-- +goose StatementEnd',
      '-- +goose Down',
      'ALTER TABLE users DROP COLUMN bio;',
      '',
    ].join('\n');
    const files = {
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: goose\n',
      'db/migrations/001_m.sql': sql,
    };
    const [fix] = mig037(files)[0]?.fixes ?? [];
    expect(expectProven(files, fix as Fix)['db/migrations/001_m.sql']).toBe(
      sql.replace('-- +goose StatementBegin', "SET lock_timeout = '5s';\n-- +goose StatementBegin"),
    );
  });

  it('puts op.execute first in upgrade(), after its docstring, and offers env.py as a choice', () => {
    const revision = readCaseTree(join(CASES, 'trigger'));
    const path = 'alembic/versions/a1b2c3d4e5f6_m.py';
    const files = {
      ...revision,
      [path]: (revision[path] as string).replace('-> None:\n', '-> None:\n    """Add bio."""\n'),
      'alembic/env.py': ENV_PY,
    };
    const found = mig037(files);
    const fixes = found[0]?.fixes ?? [];
    // The JSON report says which is the choice (what `check --fix` leaves alone).
    expect(toJsonReport(found, 1).findings[0]?.fixes.map((f) => f.choice ?? false)).toEqual([false, true]);
    expect(fixes.map((f) => [f.title, f.choice ?? false])).toEqual([
      [`Add op.execute("SET lock_timeout = '5s'") first in upgrade()`, false],
      ['Set lock_timeout for every migration in alembic/env.py', true],
    ]);
    const fixed = expectProven(files, fixes[0] as Fix);
    expect(fixed[path]).toContain(
      `def upgrade() -> None:\n    """Add bio."""\n    op.execute("SET lock_timeout = '5s'")\n    op.create_table(`,
    );
    const env = expectProven(files, fixes[1] as Fix)['alembic/env.py'];
    expect(
      env?.match(/^( +)context\.execute\("SET lock_timeout = '5s'"\)\n\1context\.run_migrations\(\)$/gm),
    ).toHaveLength(2);
  });

  it('offers no env.py choice when env.py does not parse, only the certain fix', () => {
    const fixes = mig037(readCaseTree(join(CASES, 'trigger-env-unparsable')))[0]?.fixes ?? [];
    expect(fixes.map((f) => f.choice ?? false)).toEqual([false]);
  });

  // Near misses: the finding stands, with no fix, where the place for the SET is not certain.
  const noFix: [string, Files][] = [
    [
      'a statement that starts mid-line',
      { 'db/migrations/001_m.sql': 'SELECT 1; ALTER TABLE users ADD COLUMN bio text;\n' },
    ],
    [
      'a Drizzle migration (each piece is sent whole)',
      {
        'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: drizzle\n',
        'db/migrations/0001_m.sql': 'ALTER TABLE "users" ADD COLUMN "bio" text;',
      },
    ],
    [
      // MIG020 asks for it CONCURRENTLY, alone: Prisma would send a SET and the build as one query,
      // one transaction, where PostgreSQL refuses CONCURRENTLY (prisma/prisma issue 22922).
      'a Prisma migration.sql of a plain CREATE INDEX alone',
      {
        'slipway.yaml': PRISMA_POLICY,
        'prisma/migrations/20240101000000_email/migration.sql':
          '-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");\n',
      },
    ],
    [
      'a Prisma migration.sql holding a CONCURRENTLY statement (MIG021 says to split it)',
      {
        'slipway.yaml': PRISMA_POLICY,
        'prisma/migrations/20240101000000_email/migration.sql':
          'ALTER TABLE "User" ADD COLUMN "bio" TEXT;\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
      },
    ],
    [
      // Deploy runs it statement by statement from 7.4.0, but migrate dev's shadow database
      // replays the file as one query before 7.8.0: SET and the CONCURRENTLY build MIG020 asks for.
      'a Prisma 7.5.0 migration.sql of a plain CREATE INDEX alone',
      {
        'slipway.yaml': `${PRISMA_POLICY}rules:\n  COV002: off\n`,
        'package.json': JSON.stringify({ name: 'app', devDependencies: { prisma: '7.5.0' } }),
        'prisma/migrations/20240101000000_email/migration.sql':
          '-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");\n',
      },
    ],
    [
      'an upgrade() whose body is on the def line',
      {
        'alembic/versions/a_m.py': `from alembic import op\nrevision = 'a'\ndown_revision = None\n\ndef upgrade(): op.drop_column('users', 'bio')\n`,
      },
    ],
    [
      'an upgrade() defined in each branch of an if',
      {
        'alembic/versions/a_m.py': `from alembic import op\nimport os\nrevision = 'a'\ndown_revision = None\nif os.environ.get('X'):\n    def upgrade():\n        op.drop_column('users', 'bio')\nelse:\n    def upgrade():\n        op.drop_column('users', 'bio')\n`,
      },
    ],
    [
      'a revision that does not import op from alembic',
      {
        'alembic/versions/a_m.py': `import alembic\nrevision = 'a'\ndown_revision = None\n\ndef upgrade():\n    alembic.op.drop_column('users', 'bio')\n`,
      },
    ],
  ];
  it.each(noFix)('%s: reported, no fix', (_name, files) => {
    const found = mig037(files);
    expect(found).toHaveLength(1);
    expect(found[0]?.fixes).toBeUndefined();
  });

  it('offers no Django fix when operations is not one literal list with an element on its own line', () => {
    const files = readCaseTree(join(CASES, 'trigger-django'));
    const path = 'shop/migrations/0002_isbn.py';
    const inline = {
      ...files,
      [path]: (files[path] as string).replace('[\n        migrations.AddField', '[migrations.AddField'),
    };
    const found = mig037(inline);
    expect(found).toHaveLength(1);
    expect(found[0]?.fixes).toBeUndefined();
  });
});
