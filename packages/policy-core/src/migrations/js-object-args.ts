import type { SyntaxNode } from '@lezer/common';
import { argsOf, propertyValue } from './js-walk.js';

// What the ORM readers read of the object literals a migration passes: TypeORM's
// `new Table({ ... })` and column options, Sequelize's attributes.

/**
 * `{ a: 1 }`'s property `key` as written: its value's text (`1`, `false`, `flag`), the name for a
 * shorthand `{ a }` (the variable it reads), undefined when absent.
 */
export function propertyText(
  obj: SyntaxNode | null | undefined,
  key: string,
  src: string,
): string | undefined {
  const value = propertyValue(obj, key, src);
  if (value === undefined) return undefined;
  return value === null ? key : src.slice(value.from, value.to).trim();
}

/** An object literal `{ ... }`, or the one a `new X({ ... })` is given first (TypeORM's `new Table({...})`). */
export function objectLiteralArg(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (node?.name === 'ObjectExpression') return node;
  if (node?.name !== 'NewExpression') return undefined;
  const first = argsOf(node.getChild('ArgList'))[0];
  return first?.name === 'ObjectExpression' ? first : undefined;
}
