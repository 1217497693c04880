import { holdsBuilder, type JsBuilderStep, type JsRenderers, type ReplayValue } from '@slipway/policy-core';
import { builderMethod, NotReplayable, oneLine, ownMethod, unavailable } from './builder-method.js';

/**
 * Kysely's own SQL for a Kysely migration's schema chains, for `slipway trace`: each chain the
 * reader read as data (js-kysely-replay.ts: literals, sql`…` with no substitutions, callbacks that
 * return one chain on their builder) is replayed on Kysely's schema builders for PostgreSQL with a
 * driver that connects to nothing, and `compile()` says the one statement Kysely would send. The
 * migration's code never runs: only Kysely's, with the values written in it, through builder method
 * names only, and with a function only as a call's last argument (a column's, an alterColumn's or
 * a constraint's builder, which Kysely hands the same immutable builders to).
 * Why Kysely itself: its data types, defaults and constraint SQL are its own choices, release by
 * release. An optional dependency, as Knex and PGlite are.
 */
export async function loadKyselyRenderer(): Promise<Pick<JsRenderers, 'kysely' | 'kyselyMissing'>> {
  let mod: KyselyModule;
  let db: { schema: unknown };
  try {
    mod = (await import('kysely')) as unknown as KyselyModule;
    db = new mod.Kysely({
      dialect: {
        createAdapter: () => new mod.PostgresAdapter(),
        createDriver: () => new mod.DummyDriver(),
        createIntrospector: (d: unknown) => new mod.PostgresIntrospector(d),
        createQueryCompiler: () => new mod.PostgresQueryCompiler(),
      },
    });
  } catch (err) {
    return { kyselyMissing: unavailable('Kysely', 'kysely@0.28', err) };
  }
  return { kysely: (steps) => quietly(() => renderChain(db.schema, mod.sql, steps)) };
}

/**
 * Kysely warns of a deprecated call once, with console.log, and a callback may reach the query
 * builders that do: a word of it on standard output would land in `trace --format json` (and carry
 * the repository's text to the terminal). Nothing Kysely prints while it compiles is kept.
 */
function quietly<T>(run: () => T): T {
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  };
  const none = () => {};
  Object.assign(console, { log: none, info: none, warn: none, error: none, debug: none });
  try {
    return run();
  } finally {
    Object.assign(console, saved);
  }
}

/** What the renderer uses of the kysely package. */
interface KyselyModule {
  Kysely: new (config: { dialect: Record<string, (...a: never[]) => unknown> }) => { schema: unknown };
  PostgresAdapter: new () => unknown;
  DummyDriver: new () => unknown;
  PostgresIntrospector: new (db: unknown) => unknown;
  PostgresQueryCompiler: new () => unknown;
  sql: { raw(text: string): unknown; ref(name: string): unknown };
}

/** What runs a Kysely statement or changes how it runs, rather than describing it (builder-method.ts). */
const NOT_BUILDING = new Set([
  'execute',
  'executeTakeFirst',
  'executeTakeFirstOrThrow',
  'compile',
  'toOperationNode',
  'withPlugin',
  'withoutPlugins',
  'then',
  'stream',
  'explain',
]);

const method = (target: unknown, name: string) => builderMethod(target, name, NOT_BUILDING, 'Kysely');

function renderChain(
  schema: unknown,
  sql: KyselyModule['sql'],
  steps: readonly JsBuilderStep[],
): { sql: string[] } | { why: string } {
  try {
    let built = schema;
    for (const { call } of steps) {
      const last = call.args.length - 1;
      built = method(
        built,
        call.method,
      )(...call.args.map((a, i) => (i === last ? value(a, sql) : plain(a, sql))));
    }
    const compiled = ownMethod(built, 'compile', 'Kysely')() as { sql?: unknown; parameters?: unknown[] };
    // DDL carries its values written in; a statement with bind parameters would need values only
    // a run has: said, not guessed.
    if ((compiled.parameters?.length ?? 0) > 0)
      return { why: 'Kysely compiles it with bind parameters, which trace does not have' };
    if (typeof compiled.sql !== 'string' || compiled.sql === '')
      return { why: 'Kysely compiled no SQL for it' };
    return { sql: [compiled.sql] };
  } catch (err) {
    return { why: oneLine(err) };
  }
}

/** A value that is no function: a callback anywhere but a call's last argument is refused. */
function plain(v: ReplayValue, sql: KyselyModule['sql']): unknown {
  if (holdsBuilder(v)) throw new NotReplayable('a callback where Kysely expects a value');
  return value(v, sql);
}

function value(v: ReplayValue, sql: KyselyModule['sql']): unknown {
  if (v === null || typeof v !== 'object') return v;
  if ('list' in v) return v.list.map((x) => plain(x, sql));
  if ('object' in v) return Object.fromEntries(v.object.map(([k, x]) => [k, plain(x, sql)]));
  if ('raw' in v) return sql.raw(v.raw);
  if ('ref' in v) return sql.ref(v.ref);
  if ('now' in v) throw new NotReplayable("Knex's fn.now() in a Kysely migration");
  // The reader keeps a callback only when it returns one chain on its builder.
  const [chain, ...more] = v.builder;
  if (!chain || more.length > 0) throw new NotReplayable('a callback that is not one chain on its builder');
  return (builder: unknown) => {
    let at = builder;
    for (const call of chain) at = method(at, call.method)(...call.args.map((a) => plain(a, sql)));
    return at;
  };
}
