import type { MigrationDialect } from '../policy/schema/migrations.js';

/**
 * The database a compose file's `image:` runs, by the image's own name (its last path segment,
 * without registry, tag or digest), matched whole: `pgvector/pgvector:pg17` is PostgreSQL (seen
 * on DashHub-ai/DashHub, `docker.io/pgvector/pgvector:pg17`, read as "database: not named"),
 * while `prometheuscommunity/postgres-exporter` or `dpage/pgadmin4` are tools beside one, not the
 * database. The images are PostgreSQL or MySQL built with extensions or packaging of their own:
 * postgis/postgis, pgvector/pgvector and ankane/pgvector, timescale/timescaledb(-ha),
 * supabase/postgres, bitnami/postgresql(-repmgr), ghcr.io/cloudnative-pg/postgresql,
 * citusdata/citus, paradedb/paradedb, crunchydata/crunchy-postgres; mysql/mysql-server,
 * percona/percona-server, mariadb.
 */
const IMAGES: Readonly<Record<string, MigrationDialect>> = {
  postgres: 'postgresql',
  postgresql: 'postgresql',
  'postgresql-repmgr': 'postgresql',
  postgis: 'postgresql',
  pgvector: 'postgresql',
  timescaledb: 'postgresql',
  'timescaledb-ha': 'postgresql',
  citus: 'postgresql',
  paradedb: 'postgresql',
  'crunchy-postgres': 'postgresql',
  mysql: 'mysql',
  'mysql-server': 'mysql',
  'percona-server': 'mysql',
  mariadb: 'mysql',
};

/** `image: docker.io/pgvector/pgvector:pg17` and the like: the reference, quotes and comment left out. */
const COMPOSE_IMAGE = /^[ \t]*image:[ \t]*["']?([^\s"'#]+)/gm;

/** Each database image of a compose file's text, in order. */
export function composeDatabases(text: string): MigrationDialect[] {
  const out: MigrationDialect[] = [];
  for (const m of text.matchAll(COMPOSE_IMAGE)) {
    const dialect = imageDatabase(m[1] ?? '');
    if (dialect) out.push(dialect);
  }
  return out;
}

/** The database an image reference names, when its name is one of IMAGES. */
export function imageDatabase(reference: string): MigrationDialect | undefined {
  const path = reference.replace(/@.*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/:.*$/, '');
  return Object.hasOwn(IMAGES, name.toLowerCase()) ? IMAGES[name.toLowerCase()] : undefined;
}
