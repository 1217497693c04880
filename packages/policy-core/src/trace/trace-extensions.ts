import type { TracePlan } from './plan-types.js';

/**
 * PostgreSQL's contrib extensions the embedded PostgreSQL carries (PGlite's `contrib/` bundles),
 * by the name `CREATE EXTENSION` gives each: a migration that creates one gets it, where before
 * the statement failed and so did every table using its types (citext, hstore) or functions.
 */
export const TRACE_CONTRIB_EXTENSIONS: readonly string[] = [
  'amcheck',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'pg_trgm',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
];

/** An extension created before the migrations run, and why. */
export interface AssumedExtension {
  name: string;
  why: string;
}

const CREATE_EXTENSION =
  /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([a-z_][a-z0-9_-]*))/gi;
const UUID_OSSP_CALL = /\buuid_generate_v(?:1mc|1|3|4|5)\s*\(/i;

/**
 * The extensions a plan needs loaded: those its statements create, and uuid-ossp when they call
 * its functions without creating it — TypeORM's migrations do (`DEFAULT uuid_generate_v4()`): its
 * PostgreSQL driver creates the extension when it connects, not a migration. That one is created
 * before the migrations run, and said (`assumed`).
 */
export function traceExtensions(plan: Pick<TracePlan, 'setup' | 'traced'>): {
  load: string[];
  assumed: AssumedExtension[];
} {
  const created = new Set<string>();
  let callsUuidOssp = false;
  for (const s of [...plan.setup, ...plan.traced]) {
    for (const m of s.sql.matchAll(CREATE_EXTENSION)) created.add((m[1] ?? m[2] ?? '').toLowerCase());
    if (!callsUuidOssp && UUID_OSSP_CALL.test(s.sql)) callsUuidOssp = true;
  }
  const assumed: AssumedExtension[] =
    callsUuidOssp && !created.has('uuid-ossp')
      ? [
          {
            name: 'uuid-ossp',
            why: "the migrations call uuid_generate_v4() and the like, and none creates the extension (TypeORM's driver creates it when it connects)",
          },
        ]
      : [];
  const load = [...created, ...assumed.map((a) => a.name)].filter((n) =>
    TRACE_CONTRIB_EXTENSIONS.includes(n),
  );
  return { load: [...new Set(load)].sort(), assumed };
}
