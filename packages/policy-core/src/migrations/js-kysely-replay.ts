import type { SyntaxNode } from '@lezer/common';
import type { JsBuilderCall, JsBuilderStep, ReplayValue } from './js-builder-call.js';
import { replayArgs } from './js-replay-values.js';
import { jsStaticString } from './js-string.js';
import { argsOf, isFunctionLiteral, text, type WalkCtx } from './js-walk.js';

// A Kysely schema chain read as data, for `slipway trace`:
// `db.schema.createTable('person').addColumn('id', 'serial', (col) => col.primaryKey()).execute()`
// with every argument known before the migration runs (a literal, a module constant, sql`…` with no
// substitutions, `sql.raw('…')`, `sql.ref('…')`, and a last-argument callback that returns one chain on the builder
// it is given). Kysely compiles the chain to the one statement it sends (the CLI replays it on
// Kysely's builders with no connection): the migration's own code never runs. Anything else
// leaves the chain to be listed as not traced, as before.

/** The calls that run a chain: `.execute()`, `.executeTakeFirst()`, … */
const RUNS = /^execute/;

/** The chain's calls after `db.schema` as data, when each is known and the chain ends by running. */
export function kyselyChain(
  calls: readonly { method: string; args: readonly SyntaxNode[]; node: SyntaxNode }[],
  end: SyntaxNode,
  ctx: WalkCtx,
): JsBuilderCall | undefined {
  const last = calls[calls.length - 1];
  if (!last || !RUNS.test(last.method) || last.args.length > 0) return undefined;
  const steps: JsBuilderStep[] = [];
  for (const c of calls.slice(0, -1)) {
    if (RUNS.test(c.method)) return undefined;
    const step = kyselyStep(c.method, c.args, c.node, ctx);
    if (!step) return undefined;
    steps.push(step);
  }
  const first = calls[0] as (typeof calls)[number];
  if (steps.length === 0) return undefined;
  return {
    range: ctx.lines.range(first.node.from, end.to),
    autocommit: ctx.autocommit || ctx.committed === true,
    steps,
    // Where the chain starts (`end`, the run's call, spans the whole chain): its MIG steps' line.
    line: ctx.lines.position(end.from).line + 1,
  };
}

function kyselyStep(
  method: string,
  args: readonly SyntaxNode[],
  node: SyntaxNode,
  ctx: WalkCtx,
): JsBuilderStep | undefined {
  // A callback only as the last argument (a column's, an alterColumn's, a constraint's builder),
  // and one that returns its chain: `(col) => col.notNull()`. A block body returns nothing Kysely
  // could use unless it says `return`, which the replay does not follow.
  const tail = args[args.length - 1];
  const at = tail !== undefined && isFunctionLiteral(tail) ? args.length - 1 : -1;
  if (at >= 0 && tail?.lastChild?.name === 'Block') return undefined;
  const values = replayArgs(args, ctx, kyselyValue, 0, at);
  if (!values) return undefined;
  if (at >= 0 && !oneChain(values[at])) return undefined;
  return { line: ctx.lines.position(node.from).line + 1, call: { method, args: values } };
}

const oneChain = (v: ReplayValue | undefined): boolean =>
  typeof v === 'object' && v !== null && 'builder' in v && v.builder.length === 1;

/** sql`now()` (no substitutions), `sql.raw('…')` and `sql.ref('…')`: Kysely's SQL fragments, known as written. */
function kyselyValue(n: SyntaxNode, ctx: WalkCtx): ReplayValue | undefined {
  if (!ctx.db.has('sql')) return undefined;
  if (n.name === 'TaggedTemplateExpression') {
    const tag = n.firstChild;
    const template = n.getChild('TemplateString');
    if (!tag || text(tag, ctx.src) !== 'sql' || !template) return undefined;
    const s = jsStaticString(template, ctx.src, ctx.consts);
    return s === undefined ? undefined : { raw: s.value };
  }
  if (n.name !== 'CallExpression') return undefined;
  const callee = n.firstChild;
  const name = callee && text(callee, ctx.src).replace(/\s+/g, '');
  if (name !== 'sql.raw' && name !== 'sql.ref') return undefined;
  const args = argsOf(n.getChild('ArgList'));
  if (args.length !== 1) return undefined;
  const s = jsStaticString(args[0] as SyntaxNode, ctx.src, ctx.consts);
  if (s === undefined) return undefined;
  return name === 'sql.raw' ? { raw: s.value } : { ref: s.value };
}
