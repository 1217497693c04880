import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { DispatchedFunction } from './dispatch.js';
import type { LoopScope } from './loop-bindings.js';
import { bindAssignment } from './name-binding.js';
import { type RefScope, reachesOp, resolveRef, type Unfollowed } from './op-reach.js';
import { calleePath } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';

// The state of op-calls.ts's walk over a function body, and what it knows of the names the body
// binds: which stand for one literal (`sql = "..."`, read by `op.execute(sql)`; name-binding.ts)
// and which for a connection (`conn = op.get_bind()`, whose `.execute(...)` runs SQL too).

/** Where we are while walking a function body. */
export interface WalkContext extends LoopScope, RefScope {
  lines: LineIndex;
  /** Module-level functions, so that `upgrade()` calling `_create_tables()` is followed. */
  functions: Map<string, SyntaxNode>;
  /** Functions being walked (by name, or by offset for one reached as a ref): no recursion. */
  visiting: Set<string>;
  /** What reaches op, or runs code, in a way not followed (op-reach.ts), shared by the whole walk. */
  unfollowed: Unfollowed[];
  /** Offsets already said (a helper called twice says its construct once) or handed to a helper. */
  said: Set<number>;
  /** Names that stand for op at module level (`op` and its aliases): mentionsOp reads them. */
  opNames: ReadonlySet<string>;
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
export function noteAssignment(stmt: SyntaxNode, ctx: WalkContext): boolean {
  const target = stmt.firstChild;
  const value = stmt.lastChild;
  const single =
    target?.name === 'VariableName' &&
    target.nextSibling?.name === 'AssignOp' &&
    target.nextSibling.nextSibling?.from === value?.from;
  const name = single ? ctx.src.slice(target.from, target.to) : undefined;
  const had = name !== undefined && (ctx.names.has(name) || ctx.refs.has(name));
  const bound = bindAssignment(stmt, ctx.src, ctx.names);
  // `drop = op.drop_table`, `o = op`, `f = lambda: ...`: the name stands for what the value does;
  // bound again, with either value such a ref, it stands for nothing followed (a call says so).
  let aliased = false;
  if (name !== undefined) {
    const ref = resolveRef(value, ctx);
    if (had && (ref || ctx.refs.get(name))) ctx.refs.set(name, null);
    else if (ref) ctx.refs.set(name, ref);
    aliased = !!ref && (reachesOp(ref) || ref.kind === 'fn');
  }
  if (!ctx.trackBinds) return aliased;
  const getBind = isGetBind(stmt.lastChild, ctx);
  for (const name of bound) {
    if (getBind) ctx.binds.add(name);
    else ctx.binds.delete(name);
  }
  return aliased;
}
