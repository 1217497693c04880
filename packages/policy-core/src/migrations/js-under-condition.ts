import type { SyntaxNode } from '@lezer/common';

// What runs its body only when something holds (or as many times as it says: none, maybe).
const CONDITIONAL = new Set([
  'IfStatement',
  'ConditionalExpression',
  'SwitchStatement',
  'CatchClause',
  'ForStatement',
  'WhileStatement',
]);

/** `node` is inside a branch or a loop (`for` of every kind), of its function or around it. */
export function underCondition(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (CONDITIONAL.has(n.name)) return true;
  return false;
}
