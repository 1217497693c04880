import type { MigrationDialect } from '../policy/schema/migrations.js';
import type { LayoutReader } from './layout-reader.js';
import { basename } from '../repo-paths.js';
import { URL_IN_TEXT, urlDatabase } from '../db/url-database.js';
import { composeDatabases } from './compose-database-image.js';

/**
 * Which database the migrations run on, read from where projects name it: `sqlalchemy.url` in
 * alembic.ini, a URL in the Alembic env.py or the settings, `DATABASE_URL` in an example .env,
 * the database image of a compose file, the JavaScript tools' settings (a knexfile's `client`,
 * Sequelize's `dialect`, TypeORM's `type`, Prisma's `provider`, `DB_DIALECT=` in a .env). Tests are left out: SQLite in a test fixture says
 * nothing about production.
 */
export interface DetectedDialect {
  dialect?: MigrationDialect;
  /** Where it was found, for the comment init writes beside it. */
  evidence?: string;
  /**
   * A database no `migrations.dialect` names (SQL Server, Oracle, …), when the project names only
   * such: the lock rules stay PostgreSQL's, the PostgreSQL audit is not wired.
   */
  other?: { name: string; evidence: string };
  decisions: string[];
}

const SETTINGS = new Set(['settings.py', 'config.py', 'database.py', 'db.py', 'session.py', 'base.py']);
/**
 * The JavaScript tools' settings: a knexfile, sequelize-cli's config, a TypeORM DataSource or
 * ormconfig, drizzle.config, Prisma's schema and migration lock, an app's config module.
 */
const JS_SETTINGS =
  /^(knexfile|ormconfig|data-?source|drizzle\.config|config|database|db)\.([cm]?[jt]s|json)$|^(schema\.prisma|migration_lock\.toml)$/i;
/**
 * A database named by a setting rather than a URL: `dialect: 'postgres'` (Sequelize), `client:
 * 'pg'` (Knex), `type: "postgres"` (TypeORM), `provider = "postgresql"` (Prisma), `dialect:
 * "postgresql"` (Drizzle), `DB_DIALECT=postgres` or `SEQUELIZE_CONNECTION=postgres` in a .env.
 */
const NAMED_SETTING =
  /\b(dialect|client|type|provider|DB_DIALECT|DB_CONNECTION|DB_CLIENT|DB_TYPE|DATABASE_TYPE|TYPEORM_CONNECTION|SEQUELIZE_CONNECTION)["']?\s*[:=]\s*["']?(postgres(?:ql)?|pg|mysql2?|mariadb|sqlite3?|better-sqlite3)\b/g;
/**
 * Django's `ENGINE`: its own backends (`django.db.backends.postgresql`, the GIS ones under
 * `django.contrib.gis.db.backends.postgis`) and wrappers named after them
 * (`django_prometheus.db.backends.postgresql`, netbox-community/netbox's settings.py).
 */
const DJANGO_ENGINE =
  /["'](?:[\w]+\.)*db\.backends\.(postgresql(?:_psycopg2)?|postgis|mysql|sqlite3|spatialite|oracle)["']/g;
const DJANGO_DIALECT: Readonly<Record<string, MigrationDialect | 'Oracle'>> = {
  postgresql: 'postgresql',
  postgresql_psycopg2: 'postgresql',
  postgis: 'postgresql',
  mysql: 'mysql',
  sqlite3: 'sqlite',
  spatialite: 'sqlite',
  oracle: 'Oracle',
};
const ENV_FILE = /^(\.env(\.[\w-]+)?|[\w-]+\.env|env\.(example|sample|template|dist))$/;
const COMPOSE = /^(docker-)?compose([.-][\w-]+)?\.ya?ml$/;
const TESTS = /(^|\/)(tests?|testing|spec)\/|(^|\/)(test_[^/]*|[^/]*_test\.py|conftest\.py)$/;
/** Enough files to find a project's database; a huge tree is not read file by file. */
const MAX_FILES_READ = 64;

/** When a project names several, the strictest wins: PostgreSQL's lock rules are the ones to keep. */
const RANK: readonly MigrationDialect[] = ['postgresql', 'mysql', 'sqlite'];

function dialectOf(word: string): MigrationDialect {
  const w = word.toLowerCase();
  if (w.startsWith('postg') || w === 'pg') return 'postgresql';
  if (w.includes('sqlite')) return 'sqlite';
  return 'mysql';
}

/** The `migrations.dialect` of a database urlDatabase names; undefined for one outside them. */
const DIALECT_OF: Readonly<Record<string, MigrationDialect>> = {
  PostgreSQL: 'postgresql',
  MySQL: 'mysql',
  MariaDB: 'mysql',
  SQLite: 'sqlite',
};

function candidates(files: readonly string[], alembicTrees: readonly string[]): string[] {
  const envPys = new Set(alembicTrees.map((t) => `${t.replace(/\/?versions\/?$/, '')}/env.py`));
  const out: string[] = [];
  for (const f of files) {
    if (TESTS.test(f)) continue;
    const name = basename(f);
    if (
      name === 'alembic.ini' ||
      envPys.has(f) ||
      SETTINGS.has(name) ||
      JS_SETTINGS.test(name) ||
      ENV_FILE.test(name) ||
      COMPOSE.test(name)
    )
      out.push(f);
  }
  // alembic.ini and env.py first: they say what the migrations themselves connect to.
  const weight = (f: string) => (basename(f) === 'alembic.ini' ? 0 : envPys.has(f) ? 1 : 2);
  return out.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b)).slice(0, MAX_FILES_READ);
}

export function detectDialect(
  files: readonly string[],
  reader: LayoutReader,
  alembicTrees: readonly string[],
): DetectedDialect {
  const found = new Map<string, string[]>();
  const note = (d: string, where: string) => {
    const list = found.get(d) ?? [];
    if (!list.includes(where)) list.push(where);
    found.set(d, list);
  };
  // Databases outside migrations.dialect, by name (`SQL Server`), in the order found.
  const outside: string[] = [];
  for (const f of candidates(files, alembicTrees)) {
    const text = reader.readFile(f);
    if (text === undefined) continue;
    for (const m of text.matchAll(URL_IN_TEXT)) {
      const named = urlDatabase(m[1] ?? '')?.name;
      if (named === undefined) continue;
      const dialect = DIALECT_OF[named];
      if (dialect === undefined && !outside.includes(named)) outside.push(named);
      note(dialect ?? named, f);
    }
    for (const m of text.matchAll(DJANGO_ENGINE)) {
      const named = DJANGO_DIALECT[m[1] ?? ''] as MigrationDialect | 'Oracle';
      if (named === 'Oracle' && !outside.includes(named)) outside.push(named);
      note(named, `${f} (ENGINE)`);
    }
    if (COMPOSE.test(basename(f)))
      for (const dialect of composeDatabases(text)) note(dialect, `${f} (image)`);
    else if (!basename(f).endsWith('.py') && basename(f) !== 'alembic.ini')
      for (const m of text.matchAll(NAMED_SETTING)) note(dialectOf(m[2] ?? ''), `${f} (${m[1]})`);
  }
  const dialect = RANK.find((d) => found.has(d));
  const other = outside[0];
  if (!dialect && other !== undefined) {
    const evidence = (found.get(other) ?? []).slice(0, 3).join(', ');
    return {
      other: { name: other, evidence },
      decisions: [
        `database: ${other} (from ${evidence}); migrations.dialect names PostgreSQL, MySQL and SQLite only, so the PostgreSQL lock rules apply (set migrations.dialect if they should not)`,
      ],
    };
  }
  if (!dialect)
    return {
      decisions: [
        "database: not named in the project's settings (alembic.ini, env.py, settings and Django's ENGINE, an example .env, a knexfile, sequelize or TypeORM config, drizzle.config, schema.prisma); the lock rules assume PostgreSQL (set migrations.dialect if not)",
      ],
    };
  const evidence = (found.get(dialect) ?? []).slice(0, 3).join(', ');
  const alsoNamed = RANK.filter((d) => d !== dialect && found.has(d));
  const also = alsoNamed.length
    ? `; ${alsoNamed.map((d) => `${d} in ${(found.get(d) ?? []).slice(0, 2).join(', ')}`).join(', ')} too, ${dialect} kept (its rules are the stricter)`
    : '';
  const rules =
    dialect === 'postgresql'
      ? 'the PostgreSQL lock rules apply'
      : "PostgreSQL's lock rules stay silent, the rules on lost data and reversibility still judge";
  return {
    dialect,
    evidence,
    decisions: [`database: ${dialect} (from ${evidence})${also}; ${rules} (migrations.dialect)`],
  };
}

const SHOWN: Readonly<Record<MigrationDialect, string>> = {
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  sqlite: 'SQLite',
};

/**
 * Whether init wires the database audit (`migrations.databases`, DB*): it reads PostgreSQL's
 * catalogue and `alembic_version` only, so it is written for PostgreSQL, named or assumed (nothing
 * names a database), and for nothing else, with the line that says why.
 */
export function databaseAudit(d: Pick<DetectedDialect, 'dialect' | 'evidence' | 'other'>): {
  write: boolean;
  decision?: string;
} {
  const named = d.dialect ? { name: SHOWN[d.dialect], evidence: d.evidence ?? '' } : d.other;
  if (named === undefined || named.name === 'PostgreSQL') return { write: true };
  return {
    write: false,
    decision: `databases: none written; the database audit (DB*) reads PostgreSQL only, and this database is ${named.name} (from ${named.evidence})`,
  };
}
