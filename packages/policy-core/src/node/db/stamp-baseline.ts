import { descendsFrom, type DbGraphView, overlappingVersions } from '../../db/graph-view.js';
import { type DbClient, type DbQueryable, quoteIdent } from './db-client.js';

export interface StampOptions {
  /** Name of the database in messages ("prod"). */
  name: string;
  baseline: string;
  /** Where the version table goes; default `current_schema()`, where Alembic looks for it. */
  schema?: string;
  /** Lets a database already at a descendant of the baseline count as done. */
  graph?: DbGraphView;
  /** Run every check inside the transaction, then roll back. */
  dryRun?: boolean;
  /**
   * Runs (inside the transaction, under the lock) only when a stamp is about to be written;
   * throwing refuses it. A database already at or past the baseline never reaches it.
   */
  beforeWrite?: () => void | Promise<void>;
}

export type StampOutcome =
  | { kind: 'stamped'; created: boolean }
  | { kind: 'already-at-baseline' }
  | { kind: 'already-past-baseline'; versions: string[] };

/** The stamp would be wrong; `message` is one line saying why and what to do instead. */
export class StampRefused extends Error {
  override readonly name = 'StampRefused';
}

/** Aborts the dry-run transaction after its checks, carrying what would have happened. */
class DryRunRollback extends Error {
  constructor(readonly outcome: StampOutcome) {
    super('dry run');
  }
}

// Alembic's own DDL for the version table (MigrationContext._version), so alembic accepts it.
const createVersionTable = (schema: string) =>
  `CREATE TABLE ${quoteIdent(schema)}.alembic_version (version_num VARCHAR(32) NOT NULL, ` +
  'CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))';

/** Statements pass through here: stamping must never drop anything, whatever changes later. */
function guarded(tx: DbQueryable): DbQueryable {
  return {
    query: (sql, params) => {
      if (/\bdrop\b/i.test(sql)) throw new Error(`refusing to run a DROP statement while stamping: ${sql}`);
      return tx.query(sql, params);
    },
  };
}

/**
 * A stamp_prod_baseline.sh done properly: one transaction, serialised by an advisory
 * lock; creates `alembic_version` (Alembic's DDL) and records the baseline; a no-op when the
 * database is already at the baseline or past it; refuses a database at any other revision
 * ("do not force-stamp"). Never issues DROP. Any failure rolls everything back.
 */
export async function stampBaselineOn(client: DbClient, opts: StampOptions): Promise<StampOutcome> {
  const { name, baseline } = opts;
  if (baseline.length > 32) {
    throw new StampRefused(`baseline revision "${baseline}" is longer than alembic_version's 32 characters`);
  }
  try {
    return await client.transaction(async (raw) => {
      const tx = guarded(raw);
      await tx.query('select pg_advisory_xact_lock(7307876339412575745)');
      const schema = opts.schema ?? (await currentSchema(tx, name));
      const [ns] = await tx.query<{ ok: boolean }>(
        'select exists(select 1 from pg_catalog.pg_namespace where nspname = $1) as ok',
        [schema],
      );
      if (!ns?.ok) {
        throw new StampRefused(
          `${name} has no schema "${schema}"; create it (or point the database at the right one) before stamping`,
        );
      }
      const [tbl] = await tx.query<{ ok: boolean }>(
        `select exists(select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = $1 and c.relname = 'alembic_version' and c.relkind in ('r', 'p')) as ok`,
        [schema],
      );
      const table = `${quoteIdent(schema)}.alembic_version`;
      let outcome: StampOutcome;
      if (tbl?.ok) {
        await tx.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
        const rows = await tx.query<{ version_num: string }>(`select version_num from ${table}`);
        const versions = rows.map((r) => String(r.version_num)).sort();
        outcome = decide(versions, opts);
        if (outcome.kind === 'stamped') {
          await opts.beforeWrite?.();
          await insert(tx, table, baseline);
        }
      } else {
        await refuseVersionTableElsewhere(tx, name, schema);
        await opts.beforeWrite?.();
        await tx.query(createVersionTable(schema));
        await insert(tx, table, baseline);
        outcome = { kind: 'stamped', created: true };
      }
      if (opts.dryRun) throw new DryRunRollback(outcome);
      return outcome;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.outcome;
    throw err;
  }
}

/** `current_schema()`: where Alembic creates and reads its version table by default. */
async function currentSchema(tx: DbQueryable, name: string): Promise<string> {
  const [row] = await tx.query<{ schema: string | null; path: string }>(
    "select current_schema() as schema, current_setting('search_path') as path",
  );
  if (!row?.schema) {
    throw new StampRefused(
      `${name} has no schema on its search_path (${row?.path ?? '?'}); create it (or fix the search_path) before stamping`,
    );
  }
  return row.schema;
}

/**
 * A version table in another schema of the search_path is what the database is really tracked
 * by (or a leftover): creating a second one would leave two histories for one database.
 */
async function refuseVersionTableElsewhere(tx: DbQueryable, name: string, schema: string): Promise<void> {
  const rows = await tx.query<{ nspname: string }>(
    `select n.nspname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relname = 'alembic_version' and c.relkind in ('r', 'p')
        and n.nspname = any(current_schemas(false)) and n.nspname <> $1
      order by n.nspname`,
    [schema],
  );
  if (rows.length > 0) {
    const where = rows.map((r) => `${r.nspname}.alembic_version`).join(', ');
    throw new StampRefused(
      `${name} already has ${where} on its search_path; stamping would create a second one in ${schema}: ` +
        'set the search_path (or version_table_schema) to the schema that holds it, then re-run the audit',
    );
  }
}

function decide(versions: string[], opts: StampOptions): StampOutcome {
  const { name, baseline, graph } = opts;
  if (versions.length === 0) return { kind: 'stamped', created: false };
  if (versions.length === 1 && versions[0] === baseline) return { kind: 'already-at-baseline' };
  const [overlap] = graph ? overlappingVersions(graph, versions) : [];
  if (overlap) {
    throw new StampRefused(
      `${name} records both ${overlap[0]} and its descendant ${overlap[1]} in alembic_version, which Alembic refuses: ` +
        'keep the row that matches the schema, delete the other by hand, then re-run the audit',
    );
  }
  if (graph && versions.every((v) => descendsFrom(graph, v, baseline))) {
    return { kind: 'already-past-baseline', versions };
  }
  throw new StampRefused(
    `${name} is already at revision ${versions.join('+')}, not the baseline ${baseline}: do not force-stamp; ` +
      'compare `alembic history` with the database and find why they diverged',
  );
}

async function insert(tx: DbQueryable, table: string, baseline: string): Promise<void> {
  await tx.query(`INSERT INTO ${table} (version_num) VALUES ($1)`, [baseline]);
  const rows = await tx.query<{ version_num: string }>(`select version_num from ${table}`);
  if (rows.length !== 1 || rows[0]?.version_num !== baseline) {
    throw new Error(`stamp did not take: alembic_version holds ${rows.map((r) => r.version_num).join(', ')}`);
  }
}
