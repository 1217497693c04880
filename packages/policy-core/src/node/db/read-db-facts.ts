import type { DbFacts, ServerVersion } from '../../db/db-facts.js';
import { type DbQueryable, quoteIdent } from './db-client.js';

interface SessionRow {
  database: string;
  user: string;
  search_path: string;
  schema: string | null;
  schema_exists: boolean;
}

/**
 * Reads what a team's db_audit.sh printed, read-only: database, user, search_path, the base
 * tables of the schema (pg_class, so tables the user cannot SELECT are still listed) and the
 * rows of its `alembic_version`, and of Django's `django_migrations` when the schema has one
 * (Django keeps it where unqualified names go, as Alembic does). The schema is the one Alembic uses without
 * `version_table_schema`: the connection's `current_schema()` (the first schema of the
 * search_path that exists), unless `schema` names one.
 */
export async function readDbFacts(
  db: DbQueryable,
  name: string,
  url: string,
  schemaOverride?: string,
): Promise<DbFacts> {
  const [session] = await db.query<SessionRow>(
    `select current_database() as database, current_user as "user",
            current_setting('search_path') as search_path,
            coalesce($1::text, current_schema()) as schema,
            exists(select 1 from pg_catalog.pg_namespace where nspname = coalesce($1::text, current_schema())) as schema_exists`,
    [schemaOverride ?? null],
  );
  if (!session) throw new Error('the server returned no row for current_database()');
  // No schema of the search_path exists: name what the path asks for, so DB001 can say it is missing.
  const schema = session.schema ?? firstNamedSchema(session.search_path);
  const rows = await db.query<{ relname: string }>(
    `select c.relname from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p')`,
    [schema],
  );
  const names = rows.map((r) => r.relname);
  const hasVersionTable = names.includes('alembic_version');
  // The tools' own records are not the schema the migrations made (DB005 compares tables).
  const records = new Set(['alembic_version', 'django_migrations']);
  const facts: DbFacts = {
    name,
    url,
    database: session.database,
    user: session.user,
    searchPath: session.search_path,
    schema,
    schemaExists: session.schema !== null && session.schema_exists,
    // Code-unit order, not the server's collation: summaries must not change with the locale.
    tables: names.filter((t) => !records.has(t)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    alembic: { present: false },
    django: { present: false },
  };
  if (hasVersionTable) {
    const versions = await db.query<{ version_num: string }>(
      `select version_num from ${quoteIdent(schema)}.alembic_version`,
    );
    facts.alembic = { present: true, versions: versions.map((v) => String(v.version_num)).sort() };
  }
  if (names.includes('django_migrations')) {
    const applied = await db.query<{ app: string; name: string }>(
      `select app, name from ${quoteIdent(schema)}.django_migrations`,
    );
    const keys = applied.map((r) => `${String(r.app)}.${String(r.name)}`);
    facts.django = {
      present: true,
      applied: [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  }
  facts.serverVersion = await readServerVersion(db);
  return facts;
}

/**
 * `server_version_num` (DB007 compares its major version with the policy's `postgres_version`).
 * Last and on its own: a server that refuses it (a look-alike of PostgreSQL, a proxy) still has
 * the rest of its facts audited, and the reason is kept for DB007 to say.
 */
export async function readServerVersion(db: DbQueryable): Promise<ServerVersion> {
  let value: unknown;
  try {
    const [row] = await db.query<{ v: unknown }>(`select current_setting('server_version_num') as v`);
    value = row?.v;
  } catch (err) {
    return {
      unreadable: `current_setting('server_version_num') failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const text = String(value ?? '');
  if (!/^[1-9][0-9]{4,6}$/.test(text)) {
    return { unreadable: `server_version_num is "${text.slice(0, 40)}", not a PostgreSQL version number` };
  }
  return { num: Number(text) };
}

/** The first schema a search_path names other than `"$user"`, unquoted; `public` when none. */
export function firstNamedSchema(searchPath: string): string {
  const names = searchPath.split(',').map((p) => p.trim().replace(/^"(.*)"$/, '$1'));
  return names.find((n) => n !== '' && n !== '$user') ?? 'public';
}
