import type { SyntaxNode } from '@lezer/common';
import {
  argsOf,
  chainFrom,
  firstParam,
  isFunctionLiteral,
  methodCalls,
  objectProperties,
  text,
} from './js-walk.js';
import type { WalkCtx } from './js-walk.js';
import {
  type JsBuilderCall,
  type JsBuilderStep,
  KNEX_REPLAYED_METHODS,
  knexBuilderArgument,
  type ReplayCall,
  type ReplayValue,
} from './js-builder-call.js';
import { jsStaticString } from './js-string.js';

// A Knex schema call read as data, for `slipway trace`: every argument known before the migration
// runs (a literal, a module constant, Knex's own `knex.raw('…')` or `knex.fn.now()`, a table
// builder callback whose every statement is such a chain on its builder). Knex itself can then say
// which SQL the call sends (the CLI replays it on Knex's builders, with no connection): the
// migration's own code never runs. Anything else (a variable, a loop, a helper) makes the call
// not replayable, and trace lists it as not traced, as before.

/** How deep a value may nest (lists in objects in callbacks): a bound, not a need. */
const MAX_DEPTH = 16;

/** One call of a schema chain as data, or undefined when it is not one trace replays or an argument is not known before the migration runs. */
export function knexReplay(
  method: string,
  args: readonly SyntaxNode[],
  node: SyntaxNode,
  schema: string | undefined,
  ctx: WalkCtx,
): JsBuilderStep | undefined {
  if (!KNEX_REPLAYED_METHODS.has(method)) return undefined;
  const values = replayArgs(args, ctx, 0, knexBuilderArgument(method));
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

/** The arguments as data; a function only at `builderAt` (the table builder callback). */
function replayArgs(
  args: readonly SyntaxNode[],
  ctx: WalkCtx,
  depth: number,
  builderAt = -1,
): ReplayValue[] | undefined {
  const out: ReplayValue[] = [];
  for (const [i, a] of args.entries()) {
    const v = i === builderAt ? builderCallback(a, ctx, depth) : replayValue(a, ctx, depth);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function replayValue(n: SyntaxNode, ctx: WalkCtx, depth: number): ReplayValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const src = ctx.src;
  switch (n.name) {
    case 'null':
      return null;
    case 'BooleanLiteral':
      return text(n, src) === 'true';
    case 'Number':
      return numberOf(text(n, src));
    case 'UnaryExpression': {
      const operand = n.lastChild;
      const op = n.firstChild;
      if (op?.name !== 'ArithOp' || text(op, src) !== '-' || operand?.name !== 'Number') return undefined;
      const v = numberOf(text(operand, src));
      return v === undefined ? undefined : -v;
    }
    case 'ArrayExpression': {
      const items: SyntaxNode[] = [];
      for (let c = n.firstChild; c; c = c.nextSibling) if (!['[', ']', ','].includes(c.name)) items.push(c);
      const list = replayArgs(items, ctx, depth + 1);
      return list ? { list } : undefined;
    }
    case 'ObjectExpression': {
      const entries: [string, ReplayValue][] = [];
      for (const p of objectProperties(n, src)) {
        if (p.key === undefined || p.method || !p.value || p.spread) return undefined;
        const v = replayValue(p.value, ctx, depth + 1);
        if (v === undefined) return undefined;
        entries.push([p.key, v]);
      }
      return { object: entries };
    }
    case 'CallExpression':
      return knexValue(n, ctx);
    default: {
      // A string literal, a template without substitutions, a concatenation, a module constant.
      const s = jsStaticString(n, src, ctx.consts);
      return s === undefined ? undefined : s.value;
    }
  }
}

function numberOf(written: string): number | undefined {
  const v = Number(written.replace(/_/g, ''));
  return Number.isFinite(v) ? v : undefined;
}

/** `knex.raw('…')` with one literal argument, `knex.fn.now()`: Knex's own values. */
function knexValue(call: SyntaxNode, ctx: WalkCtx): ReplayValue | undefined {
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

/** `(t) => { t.increments(); t.string('name').notNullable(); }`: each statement a chain on `t`. */
function builderCallback(fn: SyntaxNode, ctx: WalkCtx, depth: number): ReplayValue | undefined {
  if (!isFunctionLiteral(fn)) return undefined;
  const param = firstParam(fn, ctx.src);
  const body = fn.lastChild;
  if (!body) return undefined;
  const expressions: SyntaxNode[] = [];
  if (body.name === 'Block') {
    for (let c = body.firstChild; c; c = c.nextSibling) {
      if (c.name === '{' || c.name === '}' || c.name === 'LineComment' || c.name === 'BlockComment') continue;
      const e = c.name === 'ExpressionStatement' ? c.firstChild : null;
      if (!e) return undefined;
      expressions.push(e);
    }
  } else expressions.push(body);
  // A callback that takes no builder builds nothing, and may do nothing else.
  if (param === undefined) return expressions.length === 0 ? { builder: [], lines: [] } : undefined;
  const statements: ReplayCall[][] = [];
  for (const e of expressions) {
    const chain = builderChain(e, param, ctx, depth);
    if (!chain) return undefined;
    statements.push(chain);
  }
  return { builder: statements, lines: expressions.map((e) => ctx.lines.position(e.from).line + 1) };
}

/** `t.string('a', 100).notNullable()` as its calls, when the whole expression is one chain on `t`. */
function builderChain(e: SyntaxNode, param: string, ctx: WalkCtx, depth: number): ReplayCall[] | undefined {
  let root: SyntaxNode | null = e;
  while (root && (root.name === 'CallExpression' || root.name === 'MemberExpression')) root = root.firstChild;
  if (root?.name !== 'VariableName' || text(root, ctx.src) !== param) return undefined;
  const { segments, top } = chainFrom(root, ctx.src);
  if (top.from !== e.from || top.to !== e.to) return undefined;
  const calls = methodCalls(segments, 0);
  if ('bad' in calls || calls.length === 0) return undefined;
  const out: ReplayCall[] = [];
  for (const c of calls) {
    const args = replayArgs(c.args, ctx, depth + 1);
    if (!args) return undefined;
    out.push({ method: c.method, args });
  }
  return out;
}
