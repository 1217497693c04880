import type { SyntaxNode } from '@lezer/common';
import { isVolatileFunction } from './default-volatility.js';
import { callArgs, calleeName, staticString } from './python-syntax.js';

/**
 * The volatile SQL function a Django `db_default=` expression calls, if any. A `default=` is
 * computed once in Python and sent as a value (a constant); a `db_default=` is SQL kept by the
 * database, and a volatile one (a value per row) makes PostgreSQL write every existing row when
 * the column is added: the table is rewritten under ACCESS EXCLUSIVE.
 *
 * Django's expressions and the SQL its PostgreSQL backend writes for them:
 * `django.contrib.postgres.functions.RandomUUID` is `GEN_RANDOM_UUID()`; Django 6.0's
 * `UUID4` is `gen_random_uuid()` (`uuidv4()` on PostgreSQL 18) and `UUID7` is `uuidv7()`;
 * `Random()` is `RANDOM()`. `Now()` (STATEMENT_TIMESTAMP) and `TransactionNow()`
 * (CURRENT_TIMESTAMP) are stable: no rewrite. `Func(function='…')` and `RawSQL('…')` are read
 * for the function names they spell.
 */
const DJANGO_VOLATILE: Readonly<Record<string, string>> = {
  RandomUUID: 'gen_random_uuid',
  UUID4: 'gen_random_uuid',
  UUID7: 'uuidv7',
  Random: 'random',
};

// Deep enough for any expression a person writes; a deeper one is read down to here.
const MAX_NODES = 10_000;

export function volatileDbDefault(expr: SyntaxNode, src: string): string | undefined {
  const stack: SyntaxNode[] = [expr];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const node = stack.pop() as SyntaxNode;
    if (node.name === 'CallExpression') {
      const found = volatileCall(node, src);
      if (found !== undefined) return found;
    }
    for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return undefined;
}

function volatileCall(call: SyntaxNode, src: string): string | undefined {
  const name = calleeName(call, src);
  if (name === undefined) return undefined;
  const known = DJANGO_VOLATILE[name];
  if (known !== undefined) return known;
  if (name === 'Func') {
    const fn = callArgs(call, src).keywords.get('function');
    const text = fn ? staticString(fn, src)?.value : undefined;
    return text !== undefined && isVolatileFunction(text) ? text.toLowerCase() : undefined;
  }
  if (name === 'RawSQL') {
    const sql = callArgs(call, src).positional[0];
    const text = sql ? staticString(sql, src)?.value : undefined;
    if (text === undefined) return undefined;
    for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g))
      if (isVolatileFunction(m[1] as string)) return (m[1] as string).toLowerCase();
  }
  return undefined;
}
