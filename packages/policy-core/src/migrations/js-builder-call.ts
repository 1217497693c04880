import type { Range } from '../finding.js';

// A Knex schema call as data (js-knex-replay.ts reads it, the CLI has Knex render it for trace).

/** A value a replayed call is given. */
export type ReplayValue =
  | string
  | number
  | boolean
  | null
  | { list: ReplayValue[] }
  | { object: [key: string, value: ReplayValue][] }
  /** `knex.raw('…')` (no bindings): an SQL fragment, a default's expression. */
  | { raw: string }
  /** `knex.fn.now()`. */
  | { now: true }
  /** A table builder callback: its statements, each a chain of calls on the builder, and each one's line. */
  | { builder: ReplayCall[][]; lines: number[] };

/** `.method(args)`. */
export interface ReplayCall {
  method: string;
  args: ReplayValue[];
}

/** One `knex.schema.<method>(…)` call Knex can render: what trace runs in its place. */
export interface JsBuilderCall {
  /** The call, from its start to the end of its arguments: the MIG steps read inside it are its SQL. */
  range: Range;
  /** 1-based line of the call. */
  line: number;
  /** It runs outside a transaction (the migration's or the tool's setting). */
  autocommit: boolean;
  /** `knex.schema.withSchema('s')` before it. */
  schema?: string;
  call: ReplayCall;
}
