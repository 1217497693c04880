import type { SyntaxNode } from '@lezer/common';
import type { ReplayCall, ReplayValue } from './js-builder-call.js';
import { jsStaticString } from './js-string.js';
import {
  chainFrom,
  chainRoot,
  firstParam,
  isFunctionLiteral,
  methodCalls,
  objectProperties,
  text,
} from './js-walk.js';
import type { WalkCtx } from './js-walk.js';

// A builder call's arguments as data, for `slipway trace` (js-knex-replay.ts, js-kysely-replay.ts):
// literals, module constants, lists and objects of them, the tool's own values (`own`: Knex's
// `knex.raw('…')`, Kysely's sql`…`), and builder callbacks whose every statement is a plain chain on
// the builder they are given. Anything else is not known before the migration runs: undefined.

/** How deep a value may nest (lists in objects in callbacks): a bound, not a need. */
const MAX_DEPTH = 16;

/** A tool's own values (a call or a tagged template), or undefined when the node is none of them. */
export type OwnValue = (n: SyntaxNode, ctx: WalkCtx) => ReplayValue | undefined;

/** The arguments as data; a function only at `builderAt` (the table builder callback). */
export function replayArgs(
  args: readonly SyntaxNode[],
  ctx: WalkCtx,
  own: OwnValue,
  depth = 0,
  builderAt = -1,
): ReplayValue[] | undefined {
  const out: ReplayValue[] = [];
  for (const [i, a] of args.entries()) {
    const v = i === builderAt ? builderCallback(a, ctx, own, depth) : replayValue(a, ctx, own, depth);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function replayValue(n: SyntaxNode, ctx: WalkCtx, own: OwnValue, depth: number): ReplayValue | undefined {
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
      const list = replayArgs(items, ctx, own, depth + 1);
      return list ? { list } : undefined;
    }
    case 'ObjectExpression': {
      const entries: [string, ReplayValue][] = [];
      for (const p of objectProperties(n, src)) {
        if (p.key === undefined || p.method || !p.value || p.spread) return undefined;
        const v = replayValue(p.value, ctx, own, depth + 1);
        if (v === undefined) return undefined;
        entries.push([p.key, v]);
      }
      return { object: entries };
    }
    case 'CallExpression':
    case 'TaggedTemplateExpression':
      return own(n, ctx);
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

/** `(t) => { t.increments(); t.string('name').notNullable(); }`: each statement a chain on `t`. */
function builderCallback(
  fn: SyntaxNode,
  ctx: WalkCtx,
  own: OwnValue,
  depth: number,
): ReplayValue | undefined {
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
    const chain = builderChain(e, param, ctx, own, depth);
    if (!chain) return undefined;
    statements.push(chain);
  }
  return { builder: statements, lines: expressions.map((e) => ctx.lines.position(e.from).line + 1) };
}

/** `t.string('a', 100).notNullable()` as its calls, when the whole expression is one chain on `t`. */
function builderChain(
  e: SyntaxNode,
  param: string,
  ctx: WalkCtx,
  own: OwnValue,
  depth: number,
): ReplayCall[] | undefined {
  const root = chainRoot(e);
  if (root.name !== 'VariableName' || text(root, ctx.src) !== param) return undefined;
  const { segments, top } = chainFrom(root, ctx.src);
  if (top.from !== e.from || top.to !== e.to) return undefined;
  const calls = methodCalls(segments, 0);
  if ('bad' in calls || calls.length === 0) return undefined;
  const out: ReplayCall[] = [];
  for (const c of calls) {
    const args = replayArgs(c.args, ctx, own, depth + 1);
    if (!args) return undefined;
    out.push({ method: c.method, args });
  }
  return out;
}
