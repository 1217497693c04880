import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { initAndCheckInRepos } from '../helpers/init-and-check.js';

/** `slipway init` on each migration layout it knows, then `check --tree` finds nothing. */
const initAndCheck = initAndCheckInRepos();

const MIGRATION = `"""create users"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("users")
`;

describe('slipway init on migration layouts, then check --tree finds nothing', () => {
  it('Alembic: script_location with %(here)s names the tree, which is protected', () => {
    const { out, policy } = initAndCheck({
      'backend/alembic.ini': '[alembic]\nscript_location = %(here)s/db/migrations\n',
      'backend/db/migrations/env.py': '',
      'backend/db/migrations/versions/0001_users.py': MIGRATION,
    });
    expect(out).toContain(
      'backend/alembic.ini → backend/db/migrations/versions: Alembic tree (script_location %(here)s/db/migrations)',
    );
    expect(policy).toContain('alembic: "backend/db/migrations/versions"');
    // The whole tree is protected: env.py shapes every migration too.
    expect(policy).toContain('- "backend/db/migrations/"');
    // The Alembic tree's own folder named `migrations/` is not taken for a SQL folder.
    expect(policy).not.toContain('sql:');
  });

  it('SQL folder: db/migrations/ with .sql files is checked and protected', () => {
    const { out, policy, repo } = initAndCheck({
      'db/migrations/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'db/migrations/002_email.sql': "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;\n",
      '.github/workflows/ci.yml': 'name: ci\non: push\njobs: {}\n',
      'docs/index.md': '# Service\n',
    });
    expect(out).toContain('db/migrations/: 2 .sql files in a migrations folder; checked as SQL migrations');
    expect(policy).toContain('- "db/migrations/**/*.sql"');
    expect(out).toContain('protected: db/migrations/, .github/workflows/, slipway.yaml');
    expect(policy).toMatch(/allowed:\n {4}- "\/docs\/"/);
    // The folder is really checked: a destructive migration in it is found.
    repo.write({ 'db/migrations/003_drop.sql': 'DROP TABLE users;\n' }).commit('drop users');
    const check = slipway(['check', '--tree'], { cwd: repo.dir });
    expect(check.stdout).toMatch(/db\/migrations\/003_drop\.sql:1:\d+: error MIG\d+/);
  });

  it("SQL folders per database: only PostgreSQL's are checked, every one is protected", () => {
    // MySQL DDL that PostgreSQL's rules would misjudge (a lock, a parse error), were it checked.
    const mysql = 'ALTER TABLE users ADD COLUMN data BLOB NOT NULL;\nCREATE INDEX ix ON users (data(10));\n';
    const { out, policy } = initAndCheck({
      'schema/postgresql/v1/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'schema/mysql/v1/001_users.sql': mysql,
      'schema/sqlite/001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);\n',
      'schema/README.sql': mysql,
      'driver/riversqlite/migration/001.sql': mysql,
    });
    expect(policy).toContain('- "schema/postgresql/**/*.sql"');
    expect(policy).not.toMatch(/"schema\/(mysql|sqlite)\/\*\*|"schema\/\*\*|riversqlite\/migration\/\*\*/);
    expect(out).toContain("schema/mysql/: named for mysql; its .sql files are not PostgreSQL's, not checked");
    expect(out).toContain('schema/sqlite/: named for sqlite');
    expect(out).toContain('driver/riversqlite/migration/: named for sqlite');
    expect(out).toContain("schema/: 1 .sql files beside other databases' folders; not checked");
    // Protected all the same: an agent must not rewrite another database's migrations either.
    expect(policy).toContain('- "schema/"');
    expect(policy).toContain('- "driver/riversqlite/migration/"');
  });

  it("folders named sql/ or schema/ that hold templates or a code generator's schema are not migrations", () => {
    const { out, policy } = initAndCheck({
      'db/migrations/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'web/tables/templates/tables/sql/default/create.sql':
        'CREATE TABLE {{ conn|qtIdent(data.name) }} ({% for c in data.columns %}{{ c.name }}{% endfor %});\n',
      'web/casts/sql/14_plus/alter.sql':
        '{% if data.comment %}COMMENT ON CAST x IS {{ data.comment }};{% endif %}\n',
      'sql/schema/v0.sql':
        'CREATE TABLE jobs (id bigint);\nCREATE INDEX CONCURRENTLY ix_jobs ON jobs (id);\n',
      'pkg/sqlc.yaml':
        'version: "2"\nsql:\n  - engine: postgresql\n    schema:\n      - ../sql/schema\n    queries: queries\n',
    });
    expect(policy).toContain('- "db/migrations/**/*.sql"');
    expect(policy).not.toMatch(/"(web|sql)\//);
    expect(out).toContain(
      '2 folders of SQL templates ({% %} tags, or under templates/), not migrations, not checked',
    );
    expect(out).toContain('sql/: the schema sqlc generates code from');
  });

  it('Alembic revisions kept per database under one versions/ are trees of their own, PostgreSQL only', () => {
    const rev = (id: string) => MIGRATION.replace('"0001"', `"${id}"`);
    const { out, policy } = initAndCheck({
      'db/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
      'db/migrations/env.py': '',
      'db/migrations/script.py.mako': '',
      // The same revision ids in both graphs, as projects that support two databases write them.
      'db/migrations/versions/postgresql/0001_users.py': rev('0001'),
      'db/migrations/versions/sqlite/0001_users.py': rev('0001'),
    });
    expect(policy).toContain('alembic: "db/migrations/versions/postgresql"');
    expect(out).toContain(
      'db/migrations/versions/postgresql: one revision graph per database under db/migrations/versions; this one checked as its own tree',
    );
    expect(out).toContain('db/migrations/versions/sqlite/: named for sqlite; its Alembic revisions are not');
    expect(policy).toContain('- "db/migrations/"');
  });
});
