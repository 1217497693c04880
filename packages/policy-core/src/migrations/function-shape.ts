import type { SyntaxNode } from '@lezer/common';
import { callArgs, childrenOf, staticString } from './python-syntax.js';

/**
 * How a function body reads: `empty` (only pass, `...`, a docstring), `irreversible` (raises
 * NotImplementedError with a reason), `irreversible-without-reason`, `code` (statements, no op
 * calls Slipway recognises) or `ops`.
 */
export type FunctionShape = 'empty' | 'irreversible' | 'irreversible-without-reason' | 'code' | 'ops';

const EMPTY_STATEMENTS = new Set(['PassStatement', 'Comment', ':']);

/** How `fn`'s body reads (`hasOps`: Slipway found operations in it). */
export function functionShape(fn: SyntaxNode, src: string, hasOps: boolean): FunctionShape {
  if (hasOps) return 'ops';
  const body = fn.getChild('Body');
  let shape: FunctionShape = 'empty';
  for (let c = body?.firstChild ?? null; c; c = c.nextSibling) {
    if (EMPTY_STATEMENTS.has(c.name)) continue;
    if (
      c.name === 'ExpressionStatement' &&
      (c.firstChild?.name === 'String' || c.firstChild?.name === 'Ellipsis')
    )
      continue;
    if (c.name === 'RaiseStatement') {
      const call = c.getChild('CallExpression');
      const callee = call?.firstChild;
      const name = callee
        ? src.slice(callee.from, callee.to)
        : src.slice(c.from, c.to).replace(/^raise\s+/, '');
      if (name === 'NotImplementedError') {
        return call && hasReason(call, src) ? 'irreversible' : 'irreversible-without-reason';
      }
    }
    shape = 'code';
  }
  return shape;
}

/**
 * `NotImplementedError("why")`: a non-empty message, written as a literal, implicitly
 * concatenated pieces or an f-string (whose fixed text, without the `{...}` fields, says why).
 */
function hasReason(call: SyntaxNode, src: string): boolean {
  const first = callArgs(call, src).positional[0];
  if (!first) return false;
  const literal = staticString(first, src);
  if (literal) return literal.value.trim() !== '';
  const pieces = first.name === 'ContinuedString' ? childrenOf(first) : [first];
  return pieces.some((p) => p.name === 'FormatString' && /\w/.test(fixedText(p, src)));
}

/** An f-string's text outside its replacement fields, prefix and quotes dropped. */
function fixedText(node: SyntaxNode, src: string): string {
  let text = '';
  let at = node.from;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    text += src.slice(at, c.from);
    at = c.to;
  }
  text += src.slice(at, node.to);
  return text.replace(/^[a-zA-Z]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
}
