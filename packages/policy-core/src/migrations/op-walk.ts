import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { DispatchedFunction } from './dispatch.js';
import { calleePath } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';

// The state of op-calls.ts's walk over a function body, and what it knows of the names the body
// binds: which stand for one literal (`sql = "..."`, read by `op.execute(sql)`) and which for a
// connection (`conn = op.get_bind()`, whose `.execute(...)` runs SQL too).

/** Where we are while walking a function body. */
export interface WalkContext {
  src: string;
  lines: LineIndex;
  /** Module-level functions, so that `upgrade()` calling `_create_tables()` is followed. */
  functions: Map<string, SyntaxNode>;
  /**
   * Names bound to a value in this body (`sql = """..."""`) or at module level (`SQL = ...`),
   * so that `op.execute(sql)` reads the literal. A name bound twice is not followed.
   */
  names: Map<string, SyntaxNode | null>;
  moduleNames: ReadonlyMap<string, SyntaxNode | null>;
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
  const value = stmt.lastChild;
  const target = stmt.firstChild;
  if (target?.name !== 'VariableName' || !value || value === target) return;
  const name = ctx.src.slice(target.from, target.to);
  ctx.names.set(name, ctx.names.has(name) ? null : value);
  if (!ctx.trackBinds) return;
  if (isGetBind(value, ctx)) ctx.binds.add(name);
  else ctx.binds.delete(name);
}

/** `for sql in statements:`: the loop variable stands for many values, none followed. */
export function unbindLoopTargets(stmt: SyntaxNode, ctx: WalkContext): void {
  for (let c = stmt.firstChild; c && c.name !== 'in'; c = c.nextSibling)
    if (c.name === 'VariableName') ctx.names.set(ctx.src.slice(c.from, c.to), null);
}

/** `sql += "..."`: the name no longer stands for one literal. */
export function unbind(stmt: SyntaxNode, src: string, names: Map<string, SyntaxNode | null>): void {
  const target = stmt.firstChild;
  if (target?.name === 'VariableName') names.set(src.slice(target.from, target.to), null);
}

/** The value a name is bound to once, in this body or else at module level. */
export function boundValue(name: string, ctx: WalkContext): SyntaxNode | undefined {
  const local = ctx.names.get(name);
  if (local !== undefined) return local ?? undefined;
  return ctx.moduleNames.get(name) ?? undefined;
}
