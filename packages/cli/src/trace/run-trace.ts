import type { PGlite } from '@electric-sql/pglite';
import { LOCK_STRENGTH, type TracedStatement, type TracePlan, type TraceReport } from '@slipway/policy-core';

/**
 * Runs a trace plan on an embedded PostgreSQL (PGlite, in memory: nothing written to disk, so an
 * interrupted trace leaves nothing behind). The earlier migrations build the schema; then each
 * traced statement runs in a transaction of its own, and before COMMIT the session's own rows of
 * `pg_locks` say which locks it took. `relfilenode` before and after says which tables were
 * rewritten. PGlite is imported here only: `slipway check` never loads it.
 */

interface Relation {
  oid: number;
  node: number;
  kind: string;
  name: string;
}

const RELATIONS = `SELECT c.oid::int AS oid, c.relfilenode::int AS node, c.relkind::text AS kind,
  CASE WHEN n.nspname = 'public' THEN c.relname::text ELSE n.nspname || '.' || c.relname END AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'`;

const LOCKS = `SELECT mode::text AS mode, relation::int AS oid FROM pg_locks
  WHERE locktype = 'relation' AND pid = pg_backend_pid() AND relation IS NOT NULL`;

async function relations(db: PGlite): Promise<Map<number, Relation>> {
  const { rows } = await db.query<Relation>(RELATIONS);
  return new Map(rows.map((r) => [r.oid, r]));
}

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;

export interface TraceRun extends Omit<TraceReport, 'findings'> {}

export async function runTracePlan(plan: TracePlan, signal?: AbortSignal): Promise<TraceRun> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const run: TraceRun = { statements: [], notTraced: [...plan.notTraced], setupErrors: [] };
  try {
    for (const s of plan.setup) {
      if (signal?.aborted) return run;
      try {
        await db.exec(s.sql);
      } catch (error) {
        run.setupErrors.push({ file: s.file, line: s.line, error: message(error) });
      }
    }
    for (const s of plan.traced) {
      if (signal?.aborted) return run;
      run.statements.push(await traceOne(db, s));
    }
    return run;
  } finally {
    await db.close();
  }
}

async function traceOne(db: PGlite, s: TracePlan['traced'][number]): Promise<TracedStatement> {
  const before = await relations(db);
  const base = { file: s.file, line: s.line, sql: s.sql };
  let held: { mode: string; oid: number }[] = [];
  const start = performance.now();
  let ms = 0;
  try {
    if (s.outsideTransaction) {
      await db.exec(s.sql);
      ms = performance.now() - start;
    } else {
      await db.exec('BEGIN');
      try {
        await db.exec(s.sql);
        ms = performance.now() - start;
        held = (await db.query<{ mode: string; oid: number }>(LOCKS)).rows;
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK');
        throw error;
      }
    }
  } catch (error) {
    return {
      ...base,
      locks: [],
      rewrites: [],
      ms: performance.now() - start,
      status: 'error',
      error: message(error),
    };
  }
  const after = await relations(db);
  // Only relations that existed before: a table or index the statement creates is seen by nobody else.
  const seen = new Set<string>();
  const locks = held
    .filter((l) => before.has(l.oid))
    .map((l) => ({ mode: l.mode, relation: before.get(l.oid)?.name as string }))
    .filter((l) => {
      const key = `${l.mode} ${l.relation}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        LOCK_STRENGTH.indexOf(b.mode as never) - LOCK_STRENGTH.indexOf(a.mode as never) ||
        a.relation.localeCompare(b.relation),
    );
  const rewrites = [...before.values()]
    .filter(
      (r) => (r.kind === 'r' || r.kind === 'm') && after.has(r.oid) && after.get(r.oid)?.node !== r.node,
    )
    .map((r) => r.name)
    .sort();
  return {
    ...base,
    locks,
    rewrites,
    ms,
    status: s.outsideTransaction ? 'outside-transaction' : 'ok',
  };
}
