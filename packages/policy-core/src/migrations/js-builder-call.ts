import type { Range } from '../finding.js';

// A Knex or Kysely schema call as data (js-knex-replay.ts and js-kysely-replay.ts read it, the CLI
// has the tool itself render it for trace).

/** A value a replayed call is given. */
export type ReplayValue =
  | string
  | number
  | boolean
  | null
  | { list: ReplayValue[] }
  | { object: [key: string, value: ReplayValue][] }
  /** `knex.raw('…')` (no bindings), Kysely's sql`…` (no substitutions): an SQL fragment, a default's expression. */
  | { raw: string }
  /** `knex.fn.now()`. */
  | { now: true }
  /** Kysely's `sql.ref('…')`: a column (or `table.column`) named in an expression. */
  | { ref: string }
  /** A table builder callback: its statements, each a chain of calls on the builder, and each one's line. */
  | { builder: ReplayCall[][]; lines: number[] };

/** A value holds a builder callback somewhere in it (a renderer refuses one where a value goes). */
export function holdsBuilder(v: ReplayValue): boolean {
  if (v === null || typeof v !== 'object') return false;
  if ('builder' in v) return true;
  if ('list' in v) return v.list.some(holdsBuilder);
  if ('object' in v) return v.object.some(([, x]) => holdsBuilder(x));
  return false;
}

/** `.method(args)`. */
export interface ReplayCall {
  method: string;
  args: ReplayValue[];
}

/** One `.method(…)` of a `knex.schema` chain, with the schema `withSchema` named before it. */
export interface JsBuilderStep {
  /** 1-based line of the call. */
  line: number;
  schema?: string;
  call: ReplayCall;
}

/**
 * A `knex.schema.…` or Kysely `db.schema.…` chain whose every call the tool can render (all or
 * none: a chain with one call that cannot be is listed whole, never half run): what trace runs in
 * its place. Knex sends each of a chain's calls as statements of its own; Kysely compiles a whole
 * chain to one statement, placed at `line`.
 */
export interface JsBuilderCall {
  /** The chain, from its start to the end of its last call: the MIG steps read inside it are its SQL. */
  range: Range;
  /** It runs outside a transaction (the migration's or the tool's setting). */
  autocommit: boolean;
  steps: JsBuilderStep[];
  /** Kysely: the 1-based line its one statement is placed at: where the chain starts, as its MIG steps are. */
  line?: number;
}

/**
 * The schema methods trace may have Knex render: what makes, alters, renames or drops tables,
 * schemas, views and extensions (`withSchema` names the schema of those after it; `hasTable` and
 * the like only read). `raw` too, in a chain (`knex.schema.raw('DROP VIEW v').dropTable('t')`):
 * its SQL then runs in the chain's order, not again as a text of its own (render-js.ts).
 */
export const KNEX_REPLAYED_METHODS: ReadonlySet<string> = new Set([
  'raw',
  'createTable',
  'createTableIfNotExists',
  'createTableLike',
  'alterTable',
  'table',
  'dropTable',
  'dropTableIfExists',
  'renameTable',
  'createSchema',
  'createSchemaIfNotExists',
  'dropSchema',
  'dropSchemaIfExists',
  'createExtension',
  'createExtensionIfNotExists',
  'dropExtension',
  'dropExtensionIfExists',
  'dropView',
  'dropViewIfExists',
  'dropMaterializedView',
  'dropMaterializedViewIfExists',
  'renameView',
  'refreshMaterializedView',
]);

/**
 * Which argument of a schema method is its table builder callback (-1: none). The only place a
 * function is replayed: Knex calls a function found anywhere else with a query builder, whose
 * methods a repository must never reach.
 */
export function knexBuilderArgument(method: string): number {
  if (method === 'createTableLike') return 2;
  return method === 'createTable' ||
    method === 'createTableIfNotExists' ||
    method === 'alterTable' ||
    method === 'table'
    ? 1
    : -1;
}
