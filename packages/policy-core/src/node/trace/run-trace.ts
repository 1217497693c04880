import { LOCK_STRENGTH } from '../../migrations/lock-facts.js';
import type { TracePlan } from '../../trace/plan-types.js';
import type { TracedStatement, TraceReport } from '../../trace/report.js';
import { traceExtensions } from '../../trace/trace-extensions.js';

/**
 * Runs a trace plan on an embedded PostgreSQL (PGlite, in memory: nothing written to disk, so an
 * interrupted trace leaves nothing behind). The earlier migrations build the schema; then each
 * traced statement runs in a transaction of its own, and before COMMIT the session's own rows of
 * `pg_locks` say which locks it took. `relfilenode` before and after says which tables were
 * rewritten. The host passes the database (the CLI and `slipway lsp` carry PGlite; the editor's
 * bundled server does not), and opens it only for a trace: `slipway check` never loads it.
 */

/** What a trace needs of the embedded database: PGlite's own methods, so a PGlite instance is one. */
export interface TraceDb {
  /** `onNotice`: PostgreSQL's NOTICEs while it runs (PGlite's option of the same name). */
  exec(sql: string, options?: { onNotice?: (notice: { message?: string }) => void }): Promise<unknown>;
  query<T>(sql: string): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

/**
 * Opens a fresh, empty, in-memory database for one trace, with the contrib extensions named
 * (`CREATE EXTENSION` names, of TRACE_CONTRIB_EXTENSIONS) ready to be created.
 */
export type OpenTraceDb = (extensions?: readonly string[]) => Promise<TraceDb>;

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

async function relations(db: TraceDb): Promise<Map<number, Relation>> {
  const { rows } = await db.query<Relation>(RELATIONS);
  return new Map(rows.map((r) => [r.oid, r]));
}

/**
 * The NOTICE PostgreSQL gives when IF EXISTS / IF NOT EXISTS makes a statement do nothing
 * (`relation "t" already exists, skipping`): the text before `, skipping`.
 */
const SKIPPING = /^(.*(?:does not exist|already exists)), skipping$/;

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;

export interface TraceRun extends Omit<TraceReport, 'findings' | 'ranAt'> {}

/**
 * Lets the event loop turn. PGlite answers through promises alone, which never yield to it: a
 * signal handler (the CLI's Ctrl-C) or a cancel request (the editor's) would only run once the
 * whole trace had finished. One turn per statement costs microseconds.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function runTracePlan(
  plan: TracePlan,
  openDb: OpenTraceDb,
  signal?: AbortSignal,
  /** One line per phase, for a terminal or the editor's progress. */
  onProgress?: (message: string) => void,
): Promise<TraceRun> {
  onProgress?.('starting the embedded PostgreSQL');
  const extensions = traceExtensions(plan);
  const db = await openDb(extensions.load);
  const run: TraceRun = { statements: [], notTraced: [...plan.notTraced], setupErrors: [] };
  try {
    for (const a of extensions.assumed) {
      try {
        await db.exec(`CREATE EXTENSION IF NOT EXISTS "${a.name}"`);
        run.assumed = [...(run.assumed ?? []), `extension ${a.name}: ${a.why}`];
      } catch {
        // Not available here: the statements calling it fail, each said as a setup error.
      }
    }
    onProgress?.(`building the schema from ${count(plan.setup.length, 'earlier statement')}`);
    await buildSchema(db, plan.setup, run, signal);
    onProgress?.(`tracing ${count(plan.traced.length, 'statement')}`);
    let before = await relations(db);
    for (const s of plan.traced) {
      await yieldToEventLoop();
      if (signal?.aborted) return run;
      const traced = await traceOne(db, s, before);
      run.statements.push(traced.statement);
      before = traced.after;
    }
    return run;
  } finally {
    await db.close();
  }
}

/**
 * The earlier migrations, in as few round trips as they allow: consecutive statements that may
 * run in a transaction go as one multi-statement query (PostgreSQL runs it all or nothing); when
 * one of them fails, that group is run again statement by statement, so each failure is reported
 * at its own line and the rest still builds the schema.
 */
async function buildSchema(
  db: TraceDb,
  setup: TracePlan['setup'],
  run: TraceRun,
  signal?: AbortSignal,
): Promise<void> {
  let group: TracePlan['setup'] = [];
  // Each statement alone, in a transaction of its own unless it must run outside one: as part
  // of a group it ran in one (LOCK TABLE, SET LOCAL need it), and outside one its error would be
  // that, not the real one.
  const one = async (s: TracePlan['setup'][number]) => {
    const inTransaction = !s.outsideTransaction;
    try {
      if (inTransaction) await db.exec('BEGIN');
      await db.exec(s.sql);
      if (inTransaction) await db.exec('COMMIT');
    } catch (error) {
      if (inTransaction) await db.exec('ROLLBACK');
      run.setupErrors.push({ file: s.file, line: s.line, error: message(error) });
    }
  };
  const flush = async () => {
    if (group.length === 0) return;
    const batch = group;
    group = [];
    try {
      await db.exec(batch.map((s) => s.sql).join(';\n'));
    } catch {
      for (const s of batch) await one(s);
    }
  };
  for (const s of setup) {
    // Only these run one at a time, so only here can a cancel be noticed between statements.
    if (s.outsideTransaction) await yieldToEventLoop();
    if (signal?.aborted) return;
    if (s.outsideTransaction) {
      await flush();
      await one(s);
    } else group.push(s);
  }
  await flush();
}

async function traceOne(
  db: TraceDb,
  s: TracePlan['traced'][number],
  before: Map<number, Relation>,
): Promise<{ statement: TracedStatement; after: Map<number, Relation> }> {
  const base = {
    file: s.file,
    line: s.line,
    ...(s.column !== undefined ? { column: s.column } : {}),
    sql: s.sql,
    ...(s.standIns ? { standIns: s.standIns } : {}),
  };
  let held: { mode: string; oid: number }[] = [];
  // `table "ips" does not exist, skipping`: what an IF [NOT] EXISTS left undone, so took no lock on.
  const skipped: string[] = [];
  const onNotice = (n: { message?: string }) => {
    const text = n.message?.match(SKIPPING)?.[1];
    if (text !== undefined) skipped.push(text);
  };
  const start = performance.now();
  let ms = 0;
  try {
    if (s.outsideTransaction) {
      await db.exec(s.sql, { onNotice });
      ms = performance.now() - start;
    } else {
      await db.exec('BEGIN');
      try {
        await db.exec(s.sql, { onNotice });
        ms = performance.now() - start;
        held = (await db.query<{ mode: string; oid: number }>(LOCKS)).rows;
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK');
        throw error;
      }
    }
  } catch (error) {
    const statement: TracedStatement = {
      ...base,
      locks: [],
      rewrites: [],
      ms: performance.now() - start,
      status: 'error',
      error: message(error),
    };
    return { statement, after: before };
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
  const statement: TracedStatement = {
    ...base,
    locks,
    rewrites,
    ms,
    status: s.outsideTransaction ? 'outside-transaction' : 'ok',
    ...(s.outsideTransaction && s.documentedLocks ? { documentedLocks: s.documentedLocks } : {}),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
  return { statement, after };
}
