import type { SyntaxNode } from '@lezer/common';
import { callArgs } from './python-syntax.js';

/** A call of a SQLAlchemy construct's chain: `.where(...)`, `.values(...)`, `delete(...)`. */
interface ChainCall {
  method: string;
  call: SyntaxNode;
}

/** `t.c.col.isnot(None)` / `.is_not(None)` / `t.c.col != None`: `t` and `col`. */
const NOT_NULL_TEST = /^(\w+)\.c\.(\w+)\s*(?:\.\s*(?:isnot|is_not)\s*\(\s*None\s*\)|!=\s*None)$/;

/**
 * The columns a SQLAlchemy `delete()` / `update()` construct's `.where(...)` bounds its rows by
 * only through NOT NULL tests of the written table's columns (`users.c.id.isnot(None)`,
 * `.is_not(None)`, `!= None`: SQLAlchemy sends each as `id IS NOT NULL`), lower-cased, as
 * SchemaOp.notNullBound has them for SQL: a column the series makes NOT NULL lets every row
 * through (not-null-columns.ts). Every argument of every `.where` must be such a test (they are
 * ANDed); anything else, a `filter`, or another table's column, is a bound: undefined.
 */
export function constructNotNullBound(
  calls: readonly ChainCall[],
  verb: ChainCall,
  src: string,
): string[] | undefined {
  if (calls.some((c) => c.method === 'filter' || c.method === 'filter_by')) return undefined;
  const written = writtenName(verb, src);
  const columns: string[] = [];
  for (const { method, call } of calls) {
    if (method !== 'where') continue;
    const args = callArgs(call, src);
    if (args.keywords.size > 0 || args.positional.length === 0) return undefined;
    for (const a of args.positional) {
      const m = NOT_NULL_TEST.exec(src.slice(a.from, a.to).trim());
      if (!m || m[1] !== written) return undefined;
      columns.push((m[2] as string).toLowerCase());
    }
  }
  return columns.length > 0 ? [...new Set(columns)] : undefined;
}

/** The name the construct writes to: `users` of `sa.delete(users)` or `users.delete()`. */
function writtenName(verb: ChainCall, src: string): string | undefined {
  const callee = verb.call.firstChild;
  const node =
    callArgs(verb.call, src).positional[0] ??
    (callee?.name === 'MemberExpression' ? (callee.firstChild ?? undefined) : undefined);
  return node?.name === 'VariableName' ? src.slice(node.from, node.to) : undefined;
}
