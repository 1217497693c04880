import type { SyntaxNode } from '@lezer/common';
import { mentionsOp, refOf } from './op-reach.js';
import type { WalkContext } from './op-walk.js';

// Saying what the walk of upgrade() (op-calls.ts) cannot follow: each construct once, at its first
// line, with what it is. MIG042 turns each into a finding; nothing here is silently skipped.

/** Records `node` as a construct not followed (once, however often the walk reaches it). */
export function say(
  node: SyntaxNode,
  what: string,
  ctx: WalkContext,
  module?: { name: string; level: number },
  shown: SyntaxNode = node,
): void {
  if (ctx.said.has(node.from)) return;
  ctx.said.add(node.from);
  const start = ctx.lines.position(shown.from);
  const line = ctx.lines.lineText(start.line);
  const end = ctx.lines.position(shown.to);
  const to = end.line === start.line ? end.character : line.length;
  const text = line.slice(start.character, to).trim();
  const construct = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  ctx.unfollowed.push({
    range: { start, end: { line: start.line, character: to } },
    construct,
    what,
    ...(module ? { module } : {}),
  });
}

/**
 * A name met anywhere but as a call's callee or a followed alias: op or one of its methods used as
 * a value (passed, stored in a list, returned), or a function that uses op passed as one.
 */
export function valueUse(node: SyntaxNode, ctx: WalkContext): void {
  if (ctx.said.has(node.from)) return;
  const name = ctx.src.slice(node.from, node.to);
  const ref = refOf(name, ctx);
  if (!ref) return;
  const parent = node.parent;
  // A callee is the call's business (visitCall), not a value use.
  if (parent?.name === 'CallExpression' && parent.firstChild?.from === node.from) return;
  if (ref.kind === 'op' || ref.kind === 'method') {
    const member =
      parent?.name === 'MemberExpression' && parent.firstChild?.from === node.from ? parent : node;
    say(
      member,
      ref.kind === 'op' && member === node
        ? `\`${name}\` (Alembic's op) is used as a value: what is done with it is not followed`
        : `\`${ctx.src.slice(member.from, member.to)}\` is used as a value, not called: what runs it is not followed`,
      ctx,
      undefined,
      shownFor(member),
    );
  } else if (ref.kind === 'fn' && mentionsOp(ref.fn, ctx.src, ctx.opNames)) {
    say(node, `\`${name}\`, which uses op, is passed as a value: when it runs is not followed`, ctx);
  }
}

/**
 * What a person looks for at a value use: the call it is handed to (`run(op)`), else the
 * statement it is in (`o, n = op, 1`); the finding shows that construct's first line.
 */
function shownFor(value: SyntaxNode): SyntaxNode {
  const around = value.parent;
  if (around?.name === 'ArgList' && around.parent) return around.parent;
  let at = value;
  for (let p = value.parent; p && p.name !== 'Body' && p.name !== 'Script'; p = p.parent) at = p;
  return at;
}

/** A lambda that uses op, met not as a call's callee nor bound to a name: passed somewhere. */
export function lambdaUse(node: SyntaxNode, ctx: WalkContext): void {
  if (mentionsOp(node, ctx.src, ctx.opNames))
    say(node, 'a lambda that uses op is passed as a value: when it runs is not followed', ctx);
}
