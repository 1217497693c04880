import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { DispatchedFunction } from './dispatch.js';
import { type CallArgs, callArgs, calleePath, staticString } from './python-syntax.js';
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

/**
 * An argument as an op reads it: a name bound once to a string (`TABLE = "users"` at module
 * level, `table = "users"` in the body, a helper's parameter the call gave a literal) stands for
 * that string; anything else is itself.
 */
export function literalArg(node: SyntaxNode | undefined, ctx: WalkContext): SyntaxNode | undefined {
  if (node?.name !== 'VariableName') return node;
  const bound = boundValue(ctx.src.slice(node.from, node.to), ctx);
  return bound && staticString(bound, ctx.src) !== undefined ? bound : node;
}

/** A call's arguments with literalArg applied to each (the same object when no name is among them). */
export function literalArgs(args: CallArgs, ctx: WalkContext): CallArgs {
  const isName = (n: SyntaxNode) => n.name === 'VariableName';
  if (!args.positional.some(isName) && ![...args.keywords.values()].some(isName)) return args;
  return {
    ...args,
    positional: args.positional.map((a) => literalArg(a, ctx) ?? a),
    keywords: new Map([...args.keywords].map(([k, v]) => [k, literalArg(v, ctx) ?? v])),
  };
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
