import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { DispatchedFunction } from './dispatch.js';
import { bindAssignment, literalArg, type NameScope } from './name-binding.js';
import { callArgs, calleePath, staticString } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';

// The state of op-calls.ts's walk over a function body, and what it knows of the names the body
// binds: which stand for one literal (`sql = "..."`, read by `op.execute(sql)`; name-binding.ts)
// and which for a connection (`conn = op.get_bind()`, whose `.execute(...)` runs SQL too).

/** Where we are while walking a function body. */
export interface WalkContext extends NameScope {
  lines: LineIndex;
  /** Module-level functions, so that `upgrade()` calling `_create_tables()` is followed. */
  functions: Map<string, SyntaxNode>;
  visiting: Set<string>;
  /** `with op.batch_alter_table("t") as batch_op:` → alias and table. */
  batch?: { alias: string; table: string | undefined; schema: string | undefined };
  inAutocommit: boolean;
  /** Names bound to `op.get_bind()` (`conn = op.get_bind()`): their `.execute(...)` runs SQL too. */
  binds: Set<string>;
  /** The file mentions `get_bind` at all: most do not, and skip the bookkeeping. */
  trackBinds: boolean;
  out: SchemaOp[];
  /** Functions reached through `globals()[...]()` (the multidb template). */
  dispatched: DispatchedFunction[];
  /**
   * Set once a branch that certainly runs on PostgreSQL returns (`if dialect != "sqlite": return`):
   * the rest of this function does not run there. One per function walked, shared by its blocks.
   */
  exit: { returned: boolean };
}

/** `op.get_bind()` itself. */
export function isGetBind(node: SyntaxNode | null | undefined, ctx: WalkContext): boolean {
  return node?.name === 'CallExpression' && calleePath(node, ctx.src)?.join('.') === 'op.get_bind';
}

/**
 * Records `conn = op.get_bind()` (annotated or not) so `conn.execute(...)` is read as SQL, and
 * `sql = "..."` so `op.execute(sql)` is.
 */
export function noteAssignment(stmt: SyntaxNode, ctx: WalkContext): void {
  const bound = bindAssignment(stmt, ctx.src, ctx.names);
  if (!ctx.trackBinds) return;
  const getBind = isGetBind(stmt.lastChild, ctx);
  for (const name of bound) {
    if (getBind) ctx.binds.add(name);
    else ctx.binds.delete(name);
  }
}

/**
 * A helper's own names as one call binds them: each parameter stands for the string the call
 * passes it (a literal, or a name bound to one), or its default when the call passes nothing;
 * otherwise for nothing. `_drop("users")` then reads as dropping "users", and a second call
 * `_drop("teams")` as dropping "teams". A call that spreads arguments (`*args`, `**kw`) binds
 * nothing: which value lands where is not known.
 */
export function helperNames(
  fn: SyntaxNode,
  call: SyntaxNode,
  ctx: WalkContext,
): Map<string, SyntaxNode | null> {
  const names = new Map<string, SyntaxNode | null>();
  const args = callArgs(call, ctx.src);
  let position = 0;
  let keywordOnly = false;
  for (let p = fn.getChild('ParamList')?.firstChild ?? null; p; p = p.nextSibling) {
    if (p.name === '*' || p.name === '**') keywordOnly = true;
    if (p.name !== 'VariableName') continue;
    const name = ctx.src.slice(p.from, p.to);
    const collects = p.prevSibling?.name === '*' || p.prevSibling?.name === '**';
    const given =
      args.hasStar || collects
        ? undefined
        : ((keywordOnly ? undefined : args.positional[position]) ?? args.keywords.get(name));
    if (!keywordOnly) position++;
    const fallback =
      p.nextSibling?.name === 'AssignOp' ? (p.nextSibling.nextSibling ?? undefined) : undefined;
    const value = args.hasStar || collects ? undefined : literalArg(given ?? fallback, ctx);
    names.set(name, value && staticString(value, ctx.src) !== undefined ? value : null);
  }
  return names;
}
