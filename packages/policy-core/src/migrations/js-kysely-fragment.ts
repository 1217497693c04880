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
// that takes a value (never `modifyEnd`, `as`) on a chain rooted at `db`, or at the builder a
// callback of such a chain is given (`(col) => col.defaultTo(sql\`now()\`)`, `.$call((qb) => …)`,
// at any depth). A data type is the other place (`addColumn('role', sql\`user_role\`)`, the
// usual way to name an enum, seen on DashHub-ai/DashHub): Kysely writes it after the column's
// name, so it is let go only when it is a type's name and nothing else (words, one parenthesised
// list of numbers, array brackets: `timestamp(3) with time zone`, `vector(1536)`, `text[]`),
// never `int, DROP COLUMN email`; in a createTable, also a type with a stored generated value
// (isGenerated). Anything else is read as SQL, as before: a statement is never missed for being
// written as a fragment.

/** Builder methods whose argument Kysely writes where one value goes. */
const VALUE_METHODS = new Set(['defaultTo', 'check', 'addCheckConstraint', 'generatedAlwaysAs']);

/** Words that begin (or smuggle) a statement or a sub-query. */
const STATEMENT_WORD =
  /\b(select|insert|update|delete|merge|drop|alter|create|truncate|grant|revoke|with|copy|do|call|execute|comment|vacuum|analyze|explain|lock|refresh|reindex|cluster|set|reset|begin|commit|rollback|savepoint|notify|listen|prepare|deallocate|discard|import|returning|values|table)\b/i;

/** Builder methods that take a data type, and which of their arguments it is. */
const TYPE_ARGUMENT: Readonly<Record<string, number>> = { addColumn: 1, modifyColumn: 1, setDataType: 0 };

/** A type's name: (schema-qualified) words, one list of numbers, array brackets. */
const TYPE_NAME =
  /^\s*(?:"(?:[^"]|"")+"|[a-z_]\w*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[a-z_]\w*))?(?:\s+[a-z_]\w*)*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+[a-z_]\w*)*(?:\s*\[\s*\d*\s*\])*\s*$/i;

/** Words of a column's definition, not of its type: `text NOT NULL` is more than a type. */
const NOT_TYPE_WORD =
  /\b(not|null|default|references|check|constraint|primary|unique|generated|collate|using)\b/i;

const isTypeName = (sql: string) =>
  TYPE_NAME.test(sql) && !NOT_TYPE_WORD.test(sql.replace(/"(?:[^"]|"")*"/g, '""'));

/** `node` (a sql template or `sql.raw(…)` call) is a value or data type of a Kysely schema chain, not SQL to run. */
export function fragmentOfBuilder(node: SyntaxNode, sql: SyntaxNode | undefined, ctx: WalkCtx): boolean {
  const written = sql && jsStaticString(sql, ctx.src, ctx.consts);
  const args = node.parent;
  const callee = args?.name === 'ArgList' ? args.parent?.firstChild : undefined;
  if (!written || !args || callee?.name !== 'MemberExpression') return false;
  const method = callee.lastChild ? text(callee.lastChild, ctx.src) : '';
  const fits = VALUE_METHODS.has(method)
    ? oneValue(written.value)
    : argumentIndex(args, node) === TYPE_ARGUMENT[method] &&
      (isTypeName(written.value) ||
        (method === 'addColumn' && inCreateTable(callee, ctx) && isGenerated(written.value)));
  return fits && onSchemaChain(callee, ctx);
}

/**
 * `tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED` (colanode/colanode's
 * Kysely migrations): a type's name and a stored generated value, one expression, which Kysely
 * writes after the column's name. Let go only in a createTable: the table is new, so computing the
 * value costs nothing; added to an existing table (alterTable) a stored generated column rewrites
 * it, which the reader does not see in a fragment, so there it is still read as SQL (MIG030).
 */
function isGenerated(sql: string): boolean {
  const m = /^([\s\S]*?)\s+generated\s+always\s+as\s*\(([\s\S]*)\)\s*stored\s*$/i.exec(sql);
  return m !== null && isTypeName(m[1] ?? '') && oneValue(m[2] ?? '');
}

/** The addColumn `callee` is called on a `createTable(…)` chain of its own (not through a callback). */
function inCreateTable(callee: SyntaxNode, ctx: WalkCtx): boolean {
  for (let call = callee.firstChild; call?.name === 'CallExpression'; ) {
    const member = call.firstChild;
    if (member?.name !== 'MemberExpression') return false;
    if (member.lastChild && text(member.lastChild, ctx.src) === 'createTable') return true;
    call = member.firstChild;
  }
  return false;
}

/** Which argument of its call `node` is (0-based). */
function argumentIndex(args: SyntaxNode, node: SyntaxNode): number {
  let i = 0;
  for (let a = args.firstChild; a; a = a.nextSibling) {
    if (a.from === node.from && a.to === node.to) return i;
    if (a.name === ',') i++;
  }
  return -1;
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
  // The call the arrow is given to may itself be in a callback (`.$call((qb) => qb.addColumn('c',
  // 'text', (col) => col.defaultTo(…)))`): its chain is followed out the same way.
  const outer = arrow.parent?.name === 'ArgList' ? arrow.parent.parent?.firstChild : undefined;
  return outer?.name === 'MemberExpression' ? onSchemaChain(outer, ctx) : false;
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
