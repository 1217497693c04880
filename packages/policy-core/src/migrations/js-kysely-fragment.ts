import type { SyntaxNode } from '@lezer/common';
import { jsStaticString } from './js-string.js';
import { chainRoot, firstParam, text, type WalkCtx } from './js-walk.js';

// sql`now()` in `.defaultTo(…)`, sql`price > 0` in `.addCheckConstraint('c', …)`: a value Kysely
// writes into the statement a `db.schema` chain makes, not a statement of its own, so not read as
// SQL (it was: a false MIG030 on the commonest default). Kysely writes a fragment verbatim and sends
// DDL without parameters, where PostgreSQL runs every statement of the text, so a fragment is let
// go only when nothing in it can be more than one value: written out, one expression (no comma,
// `;`, comment or dollar quote outside parentheses and quotes, balanced brackets, no word that
// starts a statement: no sub-query, no `0, DROP COLUMN email`), and a direct argument of a method
// that takes a value (never a data type, `modifyEnd`, `as`) on a chain rooted at `db`, or at the
// builder a callback of such a chain is given (`(col) => col.defaultTo(sql\`now()\`)`). Anything
// else is read as SQL, as before: a statement is never missed for being written as a fragment.

/** Builder methods whose argument Kysely writes where one value goes. */
const VALUE_METHODS = new Set(['defaultTo', 'check', 'addCheckConstraint', 'generatedAlwaysAs']);

/** Words that begin (or smuggle) a statement or a sub-query. */
const STATEMENT_WORD =
  /\b(select|insert|update|delete|merge|drop|alter|create|truncate|grant|revoke|with|copy|do|call|execute|comment|vacuum|analyze|explain|lock|refresh|reindex|cluster|set|reset|begin|commit|rollback|savepoint|notify|listen|prepare|deallocate|discard|import|returning|values|table)\b/i;

/** `node` (a sql template or `sql.raw(…)` call) is a value of a Kysely schema chain, not SQL to run. */
export function fragmentOfBuilder(node: SyntaxNode, sql: SyntaxNode | undefined, ctx: WalkCtx): boolean {
  const written = sql && jsStaticString(sql, ctx.src, ctx.consts);
  if (!written || !oneValue(written.value)) return false;
  const args = node.parent;
  const callee = args?.name === 'ArgList' ? args.parent?.firstChild : undefined;
  if (callee?.name !== 'MemberExpression') return false;
  const method = callee.lastChild;
  if (!method || !VALUE_METHODS.has(text(method, ctx.src))) return false;
  return onSchemaChain(callee, ctx);
}

/** The receiver of a call is rooted at `db`, or at the parameter of a callback given to a call that is. */
function onSchemaChain(callee: SyntaxNode, ctx: WalkCtx): boolean {
  const root = chainRoot(callee);
  if (rootedAtDb(root, ctx)) return true;
  // `(col) => col.notNull().defaultTo(…)`: the arrow's body is this chain, its parameter the root,
  // and the arrow an argument of a call on a db chain.
  let arrow = callee.parent;
  while (
    arrow &&
    (arrow.name === 'CallExpression' || arrow.name === 'MemberExpression' || arrow.name === 'ArgList')
  )
    arrow = arrow.parent;
  if (arrow?.name !== 'ArrowFunction' || arrow.lastChild?.name === 'Block') return false;
  if (root.name !== 'VariableName' || firstParam(arrow, ctx.src) !== text(root, ctx.src)) return false;
  const outer = arrow.parent?.name === 'ArgList' ? arrow.parent.parent?.firstChild : undefined;
  return outer ? rootedAtDb(chainRoot(outer), ctx) : false;
}

/** A chain's root is a name of the database handle (not Kysely's `sql`). */
function rootedAtDb(root: SyntaxNode, ctx: WalkCtx): boolean {
  if (root.name !== 'VariableName') return false;
  const name = text(root, ctx.src);
  return name !== 'sql' && ctx.db.has(name);
}

/** One SQL value: see above. */
function oneValue(sql: string): boolean {
  if (/;|--|\/\*|\$/.test(sql)) return false;
  // Quoted strings and identifiers hold what they hold; a quote left open is no value.
  const bare = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""');
  if (/['"]/.test(bare.replace(/''|""/g, ''))) return false;
  if (STATEMENT_WORD.test(bare)) return false;
  let depth = 0;
  for (const c of bare) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) return false;
    if (depth < 0) return false;
  }
  return depth === 0;
}
