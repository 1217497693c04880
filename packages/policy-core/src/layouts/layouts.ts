import { otherDatabaseOf } from '../migrations/other-database.js';
import { inSqlFolderOf, sqlFolderNamesOf } from '../migrations/sql-folder-names.js';
import { jsMigrationLayouts } from './js-migration-layouts.js';
import { lockCovers } from './lock-covers.js';
import { type LayoutEntry, baseOf, folderOf } from './layout-entry.js';

/**
 * Every migration history and dependency layout Slipway recognises, one entry each, and the one
 * place that says whether Slipway judges it (`judgedBy`: the policy key whose reader does; absent:
 * not judged). `check` lists the layouts present and not judged (COV001, COV002 and the coverage
 * line), `init` names them. A reader that lands flips its entry by naming its key.
 *
 * Order matters: a file is the first entry's whose path test takes it and whose sniff (when it
 * has one) agrees; so a sniffed entry comes before the broader one that catches the rest.
 */
export const LAYOUTS: readonly LayoutEntry[] = [
  // --- migration histories ---
  {
    id: 'alembic',
    name: 'Alembic revisions',
    one: 'Alembic revision',
    kind: 'migrations',
    recognisedBy: '`*.py` in a `versions/` folder importing alembic',
    extensions: ['py'],
    path: (p) => /(^|\/)versions\/[^/]+\.py$/.test(p) && baseOf(p) !== '__init__.py',
    sniff: (t) => /^[ \t]*(from[ \t]+alembic\b|import[ \t]+alembic\b)/m.test(t),
    judgedBy: 'migrations.alembic',
    advice: 'add their folder to `migrations.alembic`',
  },
  {
    id: 'django',
    name: 'Django migrations',
    one: 'Django migration',
    kind: 'migrations',
    recognisedBy:
      "a module of a `migrations/` package (Django's loader takes every one not named `_*`) importing django.db",
    extensions: ['py'],
    path: (p) => /(^|\/)migrations\/[^_~/][^/]*\.py$/.test(p),
    sniff: (t) => /\bdjango[ \t]*\.[ \t]*db\b|\bfrom[ \t]+django[ \t]+import[ \t]+db\b/.test(t),
    judgedBy: 'migrations.django',
    advice: 'name their app folders under `migrations.django`',
  },
  {
    id: 'python-migrations',
    name: 'numbered Python migrations of a tool Slipway does not know',
    one: 'numbered Python migration of a tool Slipway does not know',
    kind: 'migrations',
    recognisedBy: '`migrations/<digits>*.py` that imports neither alembic nor django',
    extensions: ['py'],
    path: (p) => /(^|\/)migrations\/\d[^/]*\.py$/.test(p),
    advice: 'review them by hand',
  },
  {
    id: 'rails',
    name: 'Rails migrations',
    one: 'Rails migration',
    kind: 'migrations',
    recognisedBy: '`db/migrate/*.rb`',
    extensions: ['rb'],
    path: (p) => /(^|\/)db\/migrate\/[^/]+\.rb$/.test(p),
    advice: 'review them by hand (Slipway has no Rails reader)',
  },
  {
    id: 'code-versioned',
    name: 'Flyway or Refinery migrations in code',
    one: 'Flyway or Refinery migration in code',
    kind: 'migrations',
    recognisedBy: '`V<n>__<name>.java`, `.kt` or `.rs` (Flyway Java migrations, Refinery)',
    extensions: ['java', 'kt', 'rs'],
    path: (p) => /^[VR]\d[\w.]*__[^/]+\.(java|kt|rs)$/.test(baseOf(p)),
    advice: 'review them by hand (Slipway reads SQL migrations, not code)',
  },
  {
    id: 'liquibase',
    name: 'Liquibase changelogs',
    one: 'Liquibase changelog',
    kind: 'migrations',
    recognisedBy:
      'an XML, YAML, JSON or SQL file named `*changelog*` or under `changelog/` that says databaseChangeLog or `--liquibase formatted`',
    extensions: ['xml', 'yml', 'yaml', 'json', 'sql'],
    path: (p) =>
      /\.(xml|ya?ml|json|sql)$/i.test(p) && (/changelog/i.test(baseOf(p)) || /(^|\/)changelogs?\//i.test(p)),
    sniff: (t) => /databaseChangeLog|--[ \t]*liquibase[ \t]+formatted/i.test(t),
    advice: 'review them by hand (Slipway has no Liquibase reader)',
  },
  {
    id: 'ecto',
    name: 'Ecto migrations',
    one: 'Ecto migration',
    kind: 'migrations',
    recognisedBy: '`priv/<repo>/migrations/*.exs`',
    extensions: ['exs'],
    path: (p) => /(^|\/)priv\/[^/]+\/migrations\/[^/]+\.exs$/.test(p),
    advice: 'review them by hand (Slipway has no Ecto reader)',
  },
  {
    id: 'go-code',
    name: 'Go migrations in code',
    one: 'Go migration in code',
    kind: 'migrations',
    recognisedBy: '`*.go` in a `migrations/` folder registering a goose, gormigrate or migrate migration',
    extensions: ['go'],
    path: (p) => /(^|\/)migrations?\/[^/]+\.go$/.test(p) && !p.endsWith('_test.go'),
    sniff: (t) => /\bgoose\.Add(Named)?Migration|\bgormigrate\.|\bmigrate\.(Register|MustRegister)\b/.test(t),
    advice: 'review them by hand (Slipway reads SQL migrations, not Go)',
  },
  {
    id: 'prisma',
    name: 'Prisma migrations',
    one: 'Prisma migration',
    kind: 'migrations',
    recognisedBy: '`prisma/migrations/*/migration.sql`',
    extensions: ['sql'],
    path: (p) => /(^|\/)migrations\/[^/]+\/migration\.sql$/.test(p),
    judgedBy: 'migrations.sql',
    // The runner with the pattern: without it the files are read as plain SQL (psql), not as
    // Prisma Migrate sends them.
    advice:
      'add `prisma/migrations/*/migration.sql` (their folder) to `migrations.sql`, with `sql_runner: prisma` (how Prisma Migrate runs them; `slipway init` proposes both)',
  },
  {
    id: 'drizzle',
    name: 'Drizzle migrations',
    one: 'Drizzle migration',
    kind: 'migrations',
    recognisedBy: '`*.sql` beside a `meta/_journal.json`',
    extensions: ['sql'],
    path: (p, files) => p.endsWith('.sql') && files.has(`${folderOf(p)}meta/_journal.json`),
    judgedBy: 'migrations.sql',
    // The runner with the pattern (Dokploy): read as plain SQL, CREATE INDEX CONCURRENTLY in a
    // Drizzle migration gets no MIG021 although drizzle-kit migrate runs it in a transaction.
    advice:
      'add their folder (`<folder>/**/*.sql`) to `migrations.sql`, with `sql_runner: drizzle` (Drizzle runs every pending migration in one transaction, so CREATE INDEX CONCURRENTLY fails there; `slipway init` proposes both)',
  },
  ...jsMigrationLayouts(),
  {
    // A folder named for another database (`db/clickhouse/migrations/`, umami-software/umami):
    // init leaves it out (other-database.ts), so the plain entry's "init proposes the patterns"
    // would send a team to a command that declines them.
    id: 'sql-other-database',
    name: 'SQL migrations in a folder named for another database',
    one: 'SQL migration in a folder named for another database',
    kind: 'migrations',
    recognisedBy:
      'an SQL migration (below) in a folder whose path names a database other than PostgreSQL (`clickhouse/`, `mysql/`, `sqlite/`, …)',
    extensions: ['sql'],
    path: (p) => (isSqlMigration(p) || isDataMigration(p)) && otherDatabaseOf(folderOf(p)) !== undefined,
    judgedBy: 'migrations.sql',
    advice:
      "review them by hand: Slipway's SQL rules read one database's SQL (`migrations.dialect`: PostgreSQL, MySQL or SQLite), and `slipway init` leaves these out; if they run on the policy's database, add their folder to `migrations.sql`",
  },
  {
    // umami-software/umami's `db/postgresql/data-migrations/`: one-off scripts run by hand, which
    // init proposes only when their names or comments say a runner's (sql-folder-files.ts).
    id: 'sql-data-migrations',
    name: 'SQL data migrations',
    one: 'SQL data migration',
    kind: 'migrations',
    recognisedBy: `\`*.sql\` in a ${orList(sqlFolderNamesOf('data migrations'))} folder`,
    extensions: ['sql'],
    path: isDataMigration,
    judgedBy: 'migrations.sql',
    advice:
      'review them by hand, or add their folder to `migrations.sql` if a runner applies them in order (`slipway init` proposes it only when their names say that order, a number or timestamp first, or their comments name the runner)',
  },
  {
    id: 'sql',
    name: 'SQL migrations',
    one: 'SQL migration',
    kind: 'migrations',
    recognisedBy: `\`*.sql\` in a ${orList(sqlFolderNamesOf('migrations'))} folder, or named \`V<n>__*.sql\` (Flyway)`,
    extensions: ['sql'],
    path: isSqlMigration,
    judgedBy: 'migrations.sql',
    advice: 'add their folder to `migrations.sql` (`slipway init` proposes the patterns)',
  },
  // --- dependency layouts ---
  {
    id: 'pip',
    name: 'pip requirements and locks',
    one: 'pip requirements file or lock',
    kind: 'dependencies',
    recognisedBy: '`requirements*.txt`/`.in`, `uv.lock`, `poetry.lock`',
    extensions: ['txt', 'in', 'lock'],
    path: (p) => {
      const base = baseOf(p);
      return /^requirements[^/]*\.(txt|in)$/.test(base) || /^(uv|poetry)\.lock$/.test(base);
    },
    judgedBy: 'dependencies',
    // init pairs only a requirements file with a lock beside it: "init proposes it" was untrue of
    // one without (init says "not paired" in the same run).
    advice:
      'name each requirements file and its lock under `dependencies` (`slipway init` proposes the pairs whose lock is beside the requirements; a requirements file with no lock is paired with none: compile one with pip-compile or uv, or review its changes by hand)',
  },
  judgedLock(lockLayout('npm', 'npm', /^(package-lock|npm-shrinkwrap)\.json$/, 'json')),
  judgedLock(lockLayout('pnpm', 'pnpm', /^pnpm-lock\.yaml$/, 'yaml')),
  judgedLock(lockLayout('yarn', 'Yarn', /^yarn\.lock$/, 'lock')),
  judgedLock(lockLayout('bun', 'Bun', /^bun\.lock$/, 'lock')),
  {
    ...lockLayout('bun-binary', 'Bun binary', /^bun\.lockb$/, 'lockb'),
    advice:
      'run `bun install --save-text-lockfile` to get bun.lock (Bun 1.2 and later), which Slipway reads, and commit it in place of bun.lockb',
  },
  {
    id: 'package-json-unlocked',
    name: 'package.json files with dependencies no lock covers',
    one: 'package.json with dependencies no lock covers',
    kind: 'dependencies',
    recognisedBy:
      "a `package.json` declaring dependencies with no npm, pnpm, Yarn or Bun lock in its folder, and that is no workspace of a folder above holding one (its `workspaces`, or pnpm-workspace.yaml's `packages`)",
    extensions: ['json'],
    path: (p, files) => baseOf(p) === 'package.json' && !lockCovers(p, files),
    sniff: (t) => /"(dev|peer|optional)?[dD]ependencies"[ \t\r\n]*:[ \t\r\n]*\{[ \t\r\n]*"/.test(t),
    // payloadcms/payload's `templates/with-postgres/`: a project of its own under the root's lock,
    // which `pnpm install` at the root never resolves for it.
    advice:
      'review their dependency changes by hand; to have them judged, commit a lock beside each (then `slipway init` pairs them), or make each a workspace of the lock above (`workspaces` in that package.json, or `packages` in pnpm-workspace.yaml)',
  },
  lockLayout('bundler', 'Bundler', /^Gemfile\.lock$/, 'lock'),
  lockLayout(
    'go-modules',
    'Go module',
    /^go\.mod$/,
    'mod',
    'Go module files (go.mod)',
    'Go module file (go.mod)',
  ),
  lockLayout('cargo', 'Cargo', /^Cargo\.lock$/, 'lock'),
  lockLayout('composer', 'Composer', /^composer\.lock$/, 'lock'),
  lockLayout('mix', 'Mix', /^mix\.lock$/, 'lock'),
  lockLayout('pipenv', 'Pipenv', /^Pipfile\.lock$/, 'lock'),
];

/** `*.sql` in a folder named for migrations (sql-folder-names.ts), or a Flyway-named file. */
function isSqlMigration(p: string): boolean {
  return p.endsWith('.sql') && (inSqlFolderOf(p, 'migrations') || /^[VU]\d[\w.]*__.+\.sql$/.test(baseOf(p)));
}

/** `*.sql` in a folder named for data migrations, and in none named for migrations outright. */
function isDataMigration(p: string): boolean {
  return p.endsWith('.sql') && inSqlFolderOf(p, 'data migrations') && !isSqlMigration(p);
}

/** `a/`, `b/` or `c/`, each in backticks. */
function orList(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}/\``);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** A dependency layout known by its lock file's name, which Slipway does not judge. */
function lockLayout(
  id: string,
  tool: string,
  file: RegExp,
  extension: string,
  name?: string,
  one?: string,
): LayoutEntry {
  return {
    id,
    name: name ?? `${tool} locks`,
    one: one ?? `${tool} lock`,
    kind: 'dependencies',
    recognisedBy: `a file named ${file.source.replace(/[\\^$]/g, '')}`,
    extensions: [extension],
    path: (p) => file.test(baseOf(p)),
    advice: `review ${tool} dependency changes by hand (Slipway's dependency rules read pip's, uv's, Poetry's, npm's, pnpm's, Yarn's and Bun's layouts)`,
  };
}

/** npm's, pnpm's, Yarn's and Bun's text locks: a pair under `dependencies` reads them with their package.json files. */
function judgedLock(entry: LayoutEntry): LayoutEntry {
  return {
    ...entry,
    judgedBy: 'dependencies',
    advice:
      'name the pair under `dependencies` (`requirements: package.json`; `slipway init` proposes it when a package.json is beside the lock: a lock with none beside it belongs to no package, and one in a project of a pnpm workspace is one pnpm does not read (init names it); both are better removed)',
  };
}
