import { findingOf } from '../../rule.js';
import { treeFolders } from '../../migrations/tree-folders.js';
import type { Finding } from '../../finding.js';
import { createAllCalls, firstDdlStatement, type OutsideChange } from '../../migrations/app-code-scan.js';
import { otherDatabaseOf } from '../../migrations/other-database.js';
import { throwawayDatabaseScript } from '../../migrations/sql-script-role.js';
import { migrationsOf } from '../../workspace-migrations.js';
import { PathMatcher } from '../../paths/index.js';
import { createUsers, revisionFile } from './facts/examples.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { suppressDocs } from './facts/lock-docs.js';
import { schemaOwners } from './facts/schema-owners.js';

/** Scans of files outside the trees, kept by the workspace while their text is unchanged. */
function scan(
  facts: MigFacts,
  path: string,
  text: string,
  read: (text: string) => OutsideChange[],
): OutsideChange[] {
  return facts.ctx.workspace ? migrationsOf(facts.ctx.workspace).outsideScan(path, text, read) : read(text);
}

/** Tests set up throwaway databases with create_all, and keep the SQL they expect, on purpose. */
function isTestFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return (
    /(^|\/)(tests?|testing)\//.test(path) ||
    base.startsWith('test_') ||
    base.endsWith('_test.py') ||
    base === 'conftest.py'
  );
}

/** MIG121: schema changed outside Alembic. */
export const schemaOutsideAlembic: MigHistoryRule = {
  id: 'MIG121',
  name: 'schema-outside-alembic',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'schema changed outside Alembic',
  docs: {
    what:
      '`metadata.create_all()` or `drop_all()` in application code (tests excluded), or, in a ' +
      'repository with migration trees (Alembic, Django, Knex, TypeORM, Sequelize, Kysely or MikroORM: the message ' +
      "names the tools the policy configures), DDL in a .sql file outside them and the policy's `migrations.sql` " +
      'patterns (tests, container first-start scripts such as `docker-entrypoint-initdb.d/`, and folders ' +
      'named for another database, such as `mysql/`, excepted). A .sql file a revision reads and runs ' +
      '(`op.execute(open(path).read())`, `Path(__file__).parent / ...`, `os.path.join(os.path.dirname(__file__), ...)`, ' +
      '`importlib.resources` (`read_text`, `files(pkg).joinpath(name)`), or a helper of the revision that returns a ' +
      'file it names) is part of that revision, and so is each file a loop over a literal list of names reads ' +
      '(`for name in ["a.sql", "b.sql"]:`) and one an f-string of known names builds (`f"{revision}_upgrade.sql"`): the ' +
      'MIG rules judge its statements there, with findings on the statements, and MIG121 does not report it. A read ' +
      'whose path Slipway cannot follow statically (a loop over a glob or `os.listdir`, an f-string of a value known ' +
      'only at run time) claims no file, nor does a name the revision mentions without reading it: the call is MIG030 ' +
      'and the files stay under MIG121. ' +
      "Alembic's own recipe " +
      'for a new database, `create_all()` followed by a stamp in the same function ' +
      '(`command.stamp(cfg, "head")`, Flask-Migrate\'s `stamp()`, or a function of the file that ' +
      'stamps), is not reported.',
    why:
      'The migration tool (Alembic, or the one the policy names) must own every schema change: `metadata.create_all()` / `drop_all()` (also ' +
      "Flask-SQLAlchemy's `db.create_all()`, and `conn.run_sync(Base.metadata.create_all)`) in " +
      'application code (tests excluded) creates or drops tables Alembic does not know about, and DDL ' +
      "in .sql files outside the migration trees and the policy's `migrations.sql` patterns is applied " +
      'by hand, so development and production drift apart.',
    fix:
      'Move the change into a migration of the tool the project uses (Alembic, or the Knex, Django, ... ' +
      'folder the policy names), or list hand-written SQL migrations under `migrations.sql`.',
    suppress: suppressDocs('MIG121'),
    examples: [
      {
        verdict: 'flagged',
        file: 'app/db.py',
        text:
          'from sqlalchemy import create_engine\n' +
          '\n' +
          'from app.models import Base\n' +
          '\n' +
          '\n' +
          'def init(url):\n' +
          '    engine = create_engine(url)\n' +
          '    Base.metadata.create_all(bind=engine)\n' +
          '    return engine\n',
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
        },
      },
      {
        verdict: 'fine',
        file: 'alembic/sql/0001_tables.sql',
        text: 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': revisionFile({
            title: 'create users',
            rev: '3b7c2e9d41a0',
            down: null,
            imports: 'from pathlib import Path\n\nfrom alembic import op',
            upgrade: 'op.execute((Path(__file__).parent.parent / "sql" / "0001_tables.sql").read_text())',
            downgrade: 'op.drop_table("users")',
          }),
        },
      },
      {
        verdict: 'fine',
        file: 'tests/conftest.py',
        text:
          'import pytest\n' +
          'from sqlalchemy import create_engine\n' +
          '\n' +
          'from app.models import Base\n' +
          '\n' +
          '\n' +
          '@pytest.fixture\n' +
          'def engine():\n' +
          '    engine = create_engine("sqlite://")\n' +
          '    Base.metadata.create_all(bind=engine)\n' +
          '    return engine\n',
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
        },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    // Each folder of a series over several is the series' own, as its first folder is.
    const roots = facts.analysis.trees.flatMap((t) => treeFolders(t).map((r) => (r === '' ? '' : `${r}/`)));
    // Without an Alembic tree, nothing here says the schema belongs to Alembic: a project of .sql
    // migrations keeps other .sql files (queries for a code generator, a development database's
    // bootstrap) whose DDL is not a migration gone astray.
    const sqlOwnedByAlembic = roots.length > 0;
    const owners = schemaOwners(facts.analysis.trees);
    const sqlMatcher = new PathMatcher(facts.section.sql);
    const repo = facts.ctx.repo;
    for (const path of repo.listFiles()) {
      if (!facts.inScope(path) || roots.some((r) => path.startsWith(r))) continue;
      // A file a revision reads and runs is part of that revision: the MIG rules judge its
      // statements there (loaded-sql.ts). A read Slipway cannot follow claims no file.
      if (facts.analysis.sqlLoads.byFile.has(path)) continue;
      const isPy = path.endsWith('.py');
      const isSql = path.endsWith('.sql');
      if ((!isPy && !isSql) || isTestFile(path)) continue;
      // A container's first-start SQL (docker-entrypoint-initdb.d, a devcontainer) builds a
      // throwaway database, never production's.
      if (isSql && throwawayDatabaseScript(path)) continue;
      // Another database's SQL (a folder named for MySQL, SQLite, ...) cannot change PostgreSQL's schema.
      if (
        isSql &&
        (!sqlOwnedByAlembic ||
          sqlMatcher.matches(path) ||
          otherDatabaseOf(path.slice(0, path.lastIndexOf('/') + 1)))
      )
        continue;
      const text = repo.readFile(path);
      if (text === undefined || text.includes('\u0000')) continue;
      if (isPy) {
        if (!text.includes('create_all') && !text.includes('drop_all')) continue;
        facts.extraFiles.add(path);
        for (const c of scan(facts, path, text, createAllCalls)) {
          out.push(
            findingOf(
              schemaOutsideAlembic,
              path,
              c.range,
              owners.alembic || owners.names === ''
                ? `${c.what} ${c.verb ?? 'creates'} tables outside Alembic; remove it and change the schema with an Alembic migration (\`alembic revision --autogenerate\`) instead.`
                : `${c.what} ${c.verb ?? 'creates'} tables outside ${owners.names}; remove it and change the schema with ${owners.migration} instead.`,
            ),
          );
        }
      } else {
        facts.extraFiles.add(path);
        const ddl = scan(facts, path, text, (t) => {
          const first = firstDdlStatement(t);
          return first ? [first] : [];
        });
        for (const c of ddl) {
          out.push(
            findingOf(
              schemaOutsideAlembic,
              path,
              c.range,
              `${c.what} in a .sql file outside ${owners.trees} changes the schema by hand; move it into ${owners.migration} or list the file under migrations.sql.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
