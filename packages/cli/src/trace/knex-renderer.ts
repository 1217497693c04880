import {
  holdsBuilder,
  type JsBuilderStep,
  type JsRenderers,
  KNEX_REPLAYED_METHODS,
  knexBuilderArgument,
  type ReplayCall,
  type ReplayValue,
} from '@slipway/policy-core';
import { builderMethod, NotReplayable, oneLine, ownMethod, unavailable } from './builder-method.js';

/**
 * Knex's own SQL for a Knex migration's schema calls, for `slipway trace`: each call the reader
 * read as data (js-knex-replay.ts: literals, Knex's raw and now, table builder callbacks of plain
 * chains) is replayed on Knex's builders for PostgreSQL with no connection, and `toSQL()` says what
 * Knex would send. The migration's code never runs: only Knex's, with the values written in it,
 * through builder method names only, and with a function only as a table builder callback (Knex
 * calls a function found anywhere else with a query builder, whose methods run queries).
 * Why Knex and not a renderer of our own: its column types, defaults, foreign keys and index names
 * (`increments` → `serial primary key`, `users_org_foreign`) are its own choices, release by release;
 * asking Knex is the only way to be right about them. An optional dependency, as PGlite is.
 */
export async function loadKnexRenderer(): Promise<Pick<JsRenderers, 'knex' | 'knexMissing'>> {
  type KnexModule = { default: (config: { client: string; log: Record<string, () => void> }) => KnexLike };
  // Quiet: Knex logs its warnings (a deprecated method, an unknown option named by the repository)
  // with console.log, which would land in `trace --format json` and carry repository text to the terminal.
  const quiet = () => {};
  let knex: KnexLike;
  try {
    const mod = (await import('knex')) as unknown as KnexModule;
    knex = mod.default({ client: 'pg', log: { warn: quiet, error: quiet, deprecate: quiet, debug: quiet } });
  } catch (err) {
    return { knexMissing: unavailable('Knex', 'knex', err) };
  }
  return { knex: (step) => renderKnexStep(knex, step) };
}

/** What the replay touches of a Knex instance. */
interface KnexLike {
  schema: unknown;
  raw(sql: string): unknown;
  fn: { now(): unknown };
}

/** What runs or reconfigures a Knex query rather than describing it (builder-method.ts). */
const NOT_BUILDING = new Set([
  'then',
  'catch',
  'finally',
  'asCallback',
  'stream',
  'pipe',
  'connection',
  'transacting',
  'debug',
  'on',
  'once',
  'emit',
  'removeListener',
  'removeAllListeners',
  'off',
  'queryContext',
  'toSQL',
  'toQuery',
  'toString',
  'generateDdlCommands',
]);

const method = (target: unknown, name: string) => builderMethod(target, name, NOT_BUILDING, 'Knex');

function renderKnexStep(knex: KnexLike, step: JsBuilderStep): { sql: string[] } | { why: string } {
  try {
    const { method: name, args } = step.call;
    // The reader keeps only these, with a function only as the table builder: checked again here
    // (plain() refuses one anywhere else), as Knex would call it with a query builder.
    if (!KNEX_REPLAYED_METHODS.has(name))
      throw new NotReplayable(`\`${name}\` is not a schema method Slipway replays`);
    const at = knexBuilderArgument(name);
    let schema = knex.schema;
    if (step.schema !== undefined) schema = method(schema, 'withSchema')(step.schema);
    const built = method(schema, name)(...args.map((a, i) => (i === at ? value(a, knex) : plain(a, knex))));
    const out = ownMethod(built, 'toSQL', 'Knex')();
    const list = (Array.isArray(out) ? out : [out]) as { sql?: string; bindings?: unknown[] }[];
    // Knex's schema SQL carries its values written in; one with bind parameters would need values
    // only a run has (as a raw query with parameters does): said, not guessed.
    if (list.some((s) => (s.bindings?.length ?? 0) > 0))
      return { why: 'Knex renders it with bind parameters, which trace does not have' };
    return { sql: list.flatMap((s) => (s.sql ? [s.sql] : [])) };
  } catch (err) {
    return { why: oneLine(err) };
  }
}

/** A value that is no function: a builder inside one is refused. */
function plain(v: ReplayValue, knex: KnexLike): unknown {
  if (holdsBuilder(v)) throw new NotReplayable('a table builder where Knex expects a value');
  return value(v, knex);
}

/** A builder statement's call: its arguments are values, never functions. */
function apply(target: unknown, call: ReplayCall, knex: KnexLike): unknown {
  return method(target, call.method)(...call.args.map((a) => plain(a, knex)));
}

function value(v: ReplayValue, knex: KnexLike): unknown {
  if (v === null || typeof v !== 'object') return v;
  if ('list' in v) return v.list.map((x) => value(x, knex));
  if ('object' in v) return Object.fromEntries(v.object.map(([k, x]) => [k, value(x, knex)]));
  if ('raw' in v) return knex.raw(v.raw);
  if ('now' in v) return knex.fn.now();
  if ('ref' in v) throw new NotReplayable("Kysely's sql.ref in a Knex migration");
  const statements = v.builder;
  return (table: unknown) => {
    for (const chain of statements) {
      let at = table;
      for (const call of chain) at = apply(at, call, knex);
    }
  };
}
