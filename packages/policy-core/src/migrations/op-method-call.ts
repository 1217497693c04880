import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import { executeArgOps } from './execute-arg.js';
import { boundArgs, boundValue } from './name-binding.js';
import { describeOp } from './op-describe.js';
import type { WalkContext } from './op-walk.js';
import { arg, callArgs, str } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';

// One call of an Alembic operation (`op.drop_table("users")`, `batch_op.add_column(...)`, a name
// bound to `op.drop_table`, `conn.execute(...)`) read as the steps it performs, for the walk of
// op-calls.ts.

/** Alembic helpers that do not change the database by themselves. */
const NOT_A_CHANGE = new Set([
  'f',
  'get_bind',
  'get_context',
  'inline_literal',
  'batch_alter_table',
  'implementation_for',
  'run_async',
]);

/** The first line of a call: findings about it sit there so a suppression above it applies. */
export function callAnchor(call: SyntaxNode, ctx: WalkContext): Range {
  const start = ctx.lines.position(call.from);
  const end = ctx.lines.position(call.to);
  if (end.line === start.line) return { start, end };
  return { start, end: { line: start.line, character: ctx.lines.lineText(start.line).length } };
}

/** The steps of one call of op's `method` (batch: on `with op.batch_alter_table(...)`'s alias). */
export function opCall(call: SyntaxNode, method: string, batch: boolean, ctx: WalkContext): void {
  if (NOT_A_CHANGE.has(method)) return;
  const args = callArgs(call, ctx.src);
  const range = callAnchor(call, ctx);
  if (method === 'execute') {
    const sql = arg(args, 0, 'sqltext') ?? args.keywords.get('statement');
    for (const op of executeArgOps(sql, ctx.src, ctx.lines, range, (name) => boundValue(name, ctx), ctx)) {
      // `op.execute("COMMIT")` ends Alembic's transaction (an old, common way to run CONCURRENTLY
      // before autocommit_block existed): what follows in this body runs outside it, until a BEGIN.
      // A BEGIN or COMMIT itself carries the state it found (was a transaction open before it?).
      const before = ctx.inAutocommit;
      if (op.transaction === 'end') ctx.inAutocommit = true;
      else if (op.transaction === 'begin') ctx.inAutocommit = false;
      const auto = op.transaction ? before : ctx.inAutocommit;
      ctx.out.push(auto ? { ...op, inAutocommit: true } : op);
    }
    return;
  }
  // A name bound once to a string or a call (a table, `col = sa.Column(...)`) stands for it.
  const named = boundArgs(args, ctx);
  // The label is the call as written on its first line: what a person sees at the finding.
  // Looked for within those 100 characters only: a search to the line's end would read a whole
  // 4 MB line once per op written on it.
  const head = Math.min(call.to, call.from + 100);
  const nl = ctx.src.slice(call.from, head).indexOf('\n');
  const end = nl === -1 ? head : call.from + nl;
  const label = ctx.src.slice(call.from, end).trimEnd() + (end < call.to ? ' ...' : '');
  // `schema="s"`: s.users and users (the search path) are different tables to every rule.
  const schema = batch ? ctx.batch?.schema : str(named.keywords.get('schema'), ctx.src);
  for (const facts of describeOp(method, named, ctx.src, batch, ctx.batch?.table)) {
    const op: SchemaOp = Object.assign({ range, source: 'op' as const, label }, facts);
    if (schema !== undefined && op.table !== undefined) op.schema = schema;
    if (ctx.inAutocommit) op.inAutocommit = true;
    ctx.out.push(op);
  }
}
