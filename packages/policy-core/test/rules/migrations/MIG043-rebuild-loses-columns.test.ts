import type { ChangeSet } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, runMig } from './mig-test-helpers.js';

// Issue 48, category 2, the column half of a table swap's exemption: a rebuild whose copy names
// its columns keeps only those; one the old table has (by the migrations before) is lost with it.

beforeAll(ready);

const FIRST = 'db/migrations/0001_users.sql';
const SWAP = 'db/migrations/0002_rebuild.sql';
const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);\n';

const swap = (create: string, copy: string) =>
  `CREATE TABLE users_new (${create});\n${copy};\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\n`;

function mig043(files: Record<string, string>, change?: ChangeSet) {
  return runMig(files, change)
    .findings.filter((f) => f.rule === 'MIG043' || f.rule === 'MIG001')
    .map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.severity}: ${f.message}`);
}

const change = (branch: string): ChangeSet => ({
  base: 'b'.repeat(40),
  head: 'h'.repeat(40),
  branch,
  files: [{ status: 'added', path: SWAP }],
  commits: [],
});
const AGENT_POLICY =
  'version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\nagents:\n  branches: ["auto/*"]\n';

describe('MIG043 rebuild-loses-columns: the copy leaves a column out', () => {
  it('a column of the old table the copy does not name is lost (the attack)', () => {
    const found = mig043({
      [FIRST]: USERS,
      [SWAP]: swap(
        'id bigint PRIMARY KEY, email text',
        'INSERT INTO users_new (id, email) SELECT id, email FROM users',
      ),
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /0002_rebuild.sql:2 MIG043 error: this migration rebuilds "users" without column "name"/,
    );
  });

  it('a column added by a later migration counts; one dropped before does not', () => {
    const files = {
      [FIRST]: USERS,
      'db/migrations/0002_more.sql':
        'ALTER TABLE users ADD COLUMN locale text;\nALTER TABLE users DROP COLUMN name;\n',
      'db/migrations/0010_rebuild.sql': swap(
        'id bigint, email text',
        'INSERT INTO users_new SELECT id, email FROM users',
      ),
    };
    expect(
      mig043(files).map((f) => f.replace(/:.*?(MIG043 \w+).*without (column "\w+").*/, ' $1 $2')),
    ).toEqual(['db/migrations/0010_rebuild.sql MIG043 error column "locale"']);
  });

  it('a column renamed before is kept under its new name', () => {
    const files = {
      [FIRST]: USERS,
      'db/migrations/0002_rename.sql': 'ALTER TABLE users RENAME COLUMN name TO full_name;\n',
      'db/migrations/0003_rebuild.sql': swap(
        'id bigint, email text, full_name text',
        'INSERT INTO users_new SELECT id, email, full_name FROM users',
      ),
    };
    expect(mig043(files)).toEqual([]);
  });

  it("a Prisma series is one history: the folder before the swap's made the table", () => {
    const policy =
      'version: 1\nmigrations:\n  sql: ["prisma/migrations/**/migration.sql"]\n  sql_runner: prisma\n';
    const found = mig043({
      'slipway.yaml': policy,
      'prisma/migrations/20240101000000_init/migration.sql': USERS,
      'prisma/migrations/20240202000000_rebuild/migration.sql': swap(
        'id bigint, email text',
        'INSERT INTO users_new SELECT id, email FROM users',
      ),
    });
    expect(found.map((f) => f.replace(/:\d+ (MIG043 \w+).*(without column "\w+").*/, ' $1 $2'))).toEqual([
      'prisma/migrations/20240202000000_rebuild/migration.sql MIG043 error without column "name"',
    ]);
  });

  it('a constant in place of a column: the column is lost', () => {
    const found = mig043({
      [FIRST]: USERS,
      [SWAP]: swap(
        'id bigint, email text, name text',
        "INSERT INTO users_new SELECT id, email, 'x' FROM users",
      ),
    });
    expect(found.join('\n')).toContain('without column "name"');
  });

  it('the old table renamed aside first: its columns go with it', () => {
    const found = mig043({
      [FIRST]: USERS,
      [SWAP]:
        'ALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id bigint, email text);\n' +
        'INSERT INTO users (id, email) SELECT id, email FROM users_old;\nDROP TABLE users_old;\n',
    });
    expect(found.join('\n')).toContain('rebuilds "users_old" without column "name"');
  });

  it('an Alembic revision copying by name after its tree created the table', () => {
    const revision = (rev: string, down: string, body: string) =>
      `from alembic import op\nimport sqlalchemy as sa\nrevision = '${rev}'\ndown_revision = ${down}\n\ndef upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
    const found = mig043({
      'alembic/versions/0001.py': revision(
        '0001',
        'None',
        '    op.create_table("users", sa.Column("id", sa.Integer), sa.Column("email", sa.Text), sa.Column("name", sa.Text))',
      ),
      'alembic/versions/0002.py': revision(
        '0002',
        "'0001'",
        `    op.execute("""${swap('id int, email text', 'INSERT INTO users_new SELECT id, email FROM users')}""")`,
      ),
    });
    expect(found.join('\n')).toMatch(
      /alembic\/versions\/0002.py:\d+ MIG043 error: upgrade\(\) rebuilds "users" without column "name"/,
    );
  });
});

describe('MIG043 rebuild-loses-columns: what cannot be known is said', () => {
  const unknown = {
    [SWAP]: swap('id bigint, email text', 'INSERT INTO users_new SELECT id, email FROM users'),
  };
  it("users made before the migrations: a warning in a person's change", () => {
    const [f] = mig043({ 'slipway.yaml': AGENT_POLICY, ...unknown }, change('feature/x'));
    expect(f).toMatch(
      /MIG043 warning: .*cannot tell they are all of them: no migration Slipway reads creates "users"/,
    );
  });
  it("the same in an agent's change is an error naming the signal", () => {
    const [f] = mig043({ 'slipway.yaml': AGENT_POLICY, ...unknown }, change('auto/rebuild'));
    expect(f).toMatch(/MIG043 error: .*an error in an agent's change \(branch auto\/rebuild\)/);
  });
  it('DDL before it that could not be read clouds what is known; a PRAGMA does not (the near miss)', () => {
    const rebuild = swap('id bigint, email text', 'INSERT INTO users_new SELECT id, email FROM users');
    const clouded = mig043({
      [FIRST]: USERS,
      [SWAP]: `ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4;\n${rebuild}`,
    });
    expect(clouded.join('\n')).toContain('a statement before it could not be read');
    const pragma = mig043({ [FIRST]: USERS, [SWAP]: `PRAGMA foreign_keys=OFF;\n${rebuild}` });
    expect(pragma.join('\n')).toContain('without column "name"');
  });

  it('a table made with LIKE has columns Slipway cannot list', () => {
    const found = mig043({ [FIRST]: 'CREATE TABLE users (LIKE template_users);\n', ...unknown });
    expect(found.join('\n')).toContain('is created with columns Slipway cannot list');
  });
});

describe('MIG043 rebuild-loses-columns: near misses stay quiet', () => {
  const quiet: Record<string, string> = {
    'a copy of * keeps every column': swap(
      'id bigint, email text, name text',
      'INSERT INTO users_new SELECT * FROM users',
    ),
    'every column read, one through an expression (coalesce fills NULLs: the data goes on)': swap(
      'id bigint, email text, name text NOT NULL',
      "INSERT INTO users_new SELECT id, email, coalesce(name, '') FROM users",
    ),
    'every column named, in another order, one cast': swap(
      'name text, id bigint, email varchar',
      'INSERT INTO users_new (name, id, email) SELECT name, id, email::varchar FROM users',
    ),
    'a copy of some columns into a table kept beside users (no swap)':
      'CREATE TABLE user_emails (id bigint, email text);\nINSERT INTO user_emails SELECT id, email FROM users;\n',
  };
  for (const [name, sql] of Object.entries(quiet))
    it(name, () => {
      expect(mig043({ [FIRST]: USERS, [SWAP]: sql })).toEqual([]);
    });
});
