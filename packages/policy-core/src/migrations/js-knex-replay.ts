import type { SyntaxNode } from '@lezer/common';
import { argsOf, text } from './js-walk.js';
import type { WalkCtx } from './js-walk.js';
import { replayArgs } from './js-replay-values.js';
import {
  type JsBuilderCall,
  type JsBuilderStep,
  KNEX_REPLAYED_METHODS,
  knexBuilderArgument,
  type ReplayValue,
} from './js-builder-call.js';
import { jsStaticString } from './js-string.js';

// A Knex schema call read as data, for `slipway trace`: every argument known before the migration
// runs (a literal, a module constant, Knex's own `knex.raw('…')` or `knex.fn.now()`, a table
// builder callback whose every statement is such a chain on its builder). Knex itself can then say
// which SQL the call sends (the CLI replays it on Knex's builders, with no connection): the
// migration's own code never runs. Anything else (a variable, a loop, a helper) makes the call
// not replayable, and trace lists it as not traced, as before.

/** One call of a schema chain as data, or undefined when it is not one trace replays or an argument is not known before the migration runs. */
export function knexReplay(
  method: string,
  args: readonly SyntaxNode[],
  node: SyntaxNode,
  schema: string | undefined,
  ctx: WalkCtx,
): JsBuilderStep | undefined {
  if (!KNEX_REPLAYED_METHODS.has(method)) return undefined;
  const values = replayArgs(args, ctx, knexValue, 0, knexBuilderArgument(method));
  if (!values) return undefined;
  return {
    line: ctx.lines.position(node.from).line + 1,
    ...(schema !== undefined ? { schema } : {}),
    call: { method, args: values },
  };
}

/** A whole chain's steps, when each of its calls was one (all or none). */
export function knexChain(
  steps: readonly (JsBuilderStep | undefined)[],
  from: number,
  to: number,
  ctx: WalkCtx,
): JsBuilderCall | undefined {
  if (steps.length === 0 || steps.some((s) => s === undefined)) return undefined;
  // Raw SQL alone stays a text of its own (render-js.ts runs it as written, statement by statement).
  if (steps.every((s) => s?.call.method === 'raw')) return undefined;
  return {
    range: ctx.lines.range(from, to),
    autocommit: ctx.autocommit || ctx.committed === true,
    steps: steps as JsBuilderStep[],
  };
}

/** `knex.raw('…')` with one literal argument, `knex.fn.now()`: Knex's own values. */
function knexValue(call: SyntaxNode, ctx: WalkCtx): ReplayValue | undefined {
  if (call.name !== 'CallExpression') return undefined;
  const callee = call.firstChild;
  if (!callee) return undefined;
  const written = text(callee, ctx.src).replace(/\s+/g, '');
  const dot = written.indexOf('.');
  if (dot <= 0 || !ctx.db.has(written.slice(0, dot))) return undefined;
  const member = written.slice(dot + 1);
  const args = argsOf(call.getChild('ArgList'));
  if (member === 'fn.now' && args.length === 0) return { now: true };
  if (member !== 'raw' || args.length !== 1) return undefined;
  const sql = jsStaticString(args[0] as SyntaxNode, ctx.src, ctx.consts);
  return sql === undefined ? undefined : { raw: sql.value };
}
