import type { Cwds, Outcome, WalkContext } from './context.js';

/** How deep calls of the command's own functions are followed (f calls g calls h …). */
const MAX_CALL_DEPTH = 8;

/**
 * A call of a function the command defines: its body runs where it is called, from the folder the
 * call runs in, and leaves the folder where the body leaves it (`cd() { builtin cd core; }; cd;
 * rm models.py` removes core/models.py). The body was read where it was defined too (walk.ts);
 * a call before any definition (a loop calls one defined later) has that reading only. A call
 * of a function being called (recursion) or deeper than MAX_CALL_DEPTH leaves the folder unknown.
 */
export function callFunction(ctx: WalkContext, name: string, cwds: Cwds): Outcome {
  const body = ctx.functionBodies.get(name);
  if (body === undefined) return { ok: cwds, fail: cwds };
  if (ctx.calling.includes(name) || ctx.calling.length >= MAX_CALL_DEPTH)
    return { ok: undefined, fail: undefined };
  ctx.calling.push(name);
  try {
    return ctx.walkStmts(ctx, [body], cwds);
  } finally {
    ctx.calling.pop();
  }
}
