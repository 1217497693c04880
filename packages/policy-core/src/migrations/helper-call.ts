import type { SyntaxNode } from '@lezer/common';
import { boundArg, boundValue } from './name-binding.js';
import { callAnchor } from './op-method-call.js';
import { foldString, type OpRef, resolveRef } from './op-reach.js';
import type { WalkContext } from './op-walk.js';
import { callArgs } from './python-syntax.js';
import type { HelperArg, HelperCall } from './schema-op.js';

export type { HelperArg, HelperCall };

// A call from a revision's code into a function of another module (`retire_table(op, "users")`
// after `from myapp.db_helpers import retire_table`). The walk of the revision (op-calls.ts) cannot
// read that module: it is another file, which the revision's own facts (cached by the revision's
// text, read on worker threads) must not depend on. So the walk leaves a placeholder step where
// the call runs, with what the call hands over; the analyzer, which reads the repository, puts
// the function's steps in its place (helper-modules.ts), as it does for a file a revision loads.

/** What one argument stands for: op, a method of op, a string built from literals, or nothing. */
function argOf(node: SyntaxNode, ctx: WalkContext): HelperArg {
  const ref = resolveRef(node, ctx);
  if (ref?.kind === 'op') return { op: true };
  if (ref?.kind === 'method') return { method: ref.method };
  const text = foldString(boundArg(node, ctx), ctx.src, (n) => boundValue(n, ctx));
  return text === undefined ? null : { text };
}

/**
 * Leaves the placeholder step for a call of an imported function: a step of kind `other` that
 * changes nothing by itself (so a reader that does not splice judges nothing wrong), carrying the
 * call. op handed to the function is followed with it, not a value use of op here.
 */
export function helperCallStep(
  call: SyntaxNode,
  ref: Extract<OpRef, { kind: 'imported' }>,
  ctx: WalkContext,
): void {
  const args = callArgs(call, ctx.src);
  const helper: HelperCall = {
    module: ref.module,
    level: ref.level,
    name: ref.name,
    ...(ref.exact ? { exact: true as const } : {}),
    positional: args.positional.map((a) => argOf(a, ctx)),
    keywords: Object.fromEntries([...args.keywords].map(([k, v]) => [k, argOf(v, ctx)])),
    ...(args.hasStar ? { star: true as const } : {}),
  };
  for (const a of [...args.positional, ...args.keywords.values()]) {
    const ref = resolveRef(a, ctx);
    if (ref?.kind === 'op' || ref?.kind === 'method') ctx.said.add(a.from);
  }
  const head = ctx.src.slice(call.from, Math.min(call.to, call.from + 100)).split('\n')[0] as string;
  ctx.out.push({
    kind: 'other',
    dataOnly: true,
    range: callAnchor(call, ctx),
    source: 'op',
    label: head.trimEnd(),
    helper,
    ...(ctx.inAutocommit ? { inAutocommit: true } : {}),
  });
}
