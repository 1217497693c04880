import type { SchemaOp } from './schema-op.js';
import { parsePlPgSql, parseSql, type SqlStatement } from './sql-parser.js';

/**
 * `DO $$ ... $$` blocks run PL/pgSQL, whose SQL statements the main parser sees only as one
 * string. libpg-query's PL/pgSQL parser gives each embedded statement's text (verbatim, without
 * its `;`) in source order; each is found in the block's body, parsed as SQL and judged like any
 * other statement, placed where it is written. What cannot be read statically (EXECUTE of a
 * string built at run time, another language, a body PL/pgSQL rejects) is unread SQL (MIG030).
 */

type Obj = Record<string, unknown>;

/** Where an embedded statement goes: offsets into the SQL text the DO statement came from. */
export type PlaceInner = (stmt: SqlStatement, offset: number, text: string) => SchemaOp[];

export interface DoBlockResult {
  ops: SchemaOp[];
  /** Why (part of) the block could not be read; one MIG030 each. */
  unread: string[];
}

const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' ? (v as Obj) : undefined);

function doOptions(node: Obj): { language: string; body?: string } {
  let language = 'plpgsql';
  let body: string | undefined;
  for (const arg of Array.isArray(node.args) ? node.args : []) {
    const def = asObj(asObj(arg)?.DefElem);
    const value = asObj(asObj(def?.arg)?.String)?.sval;
    if (typeof value !== 'string') continue;
    if (def?.defname === 'language') language = value.toLowerCase();
    if (def?.defname === 'as') body = value;
  }
  return { language, body };
}

/** Offset of the body in `text`: right after the opening `$tag$` (quoted bodies are not mapped). */
function bodyOffset(text: string, from: number, to: number, body: string): number | undefined {
  for (let i = text.indexOf(body, from); i !== -1 && i + body.length <= to; i = text.indexOf(body, i + 1)) {
    if (text[i - 1] === '$' && text[i + body.length] === '$') return i;
  }
  return undefined;
}

/** PL/pgSQL statements in source order: static SQL texts, and the kinds that are dynamic. */
function collect(node: unknown, sql: string[], dynamic: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, sql, dynamic);
    return;
  }
  const obj = asObj(node);
  if (!obj) return;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'PLpgSQL_stmt_execsql') {
      const query = asObj(asObj(asObj(value)?.sqlstmt)?.PLpgSQL_expr)?.query;
      if (typeof query === 'string') sql.push(query);
      continue;
    }
    if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors') {
      dynamic.push('a DO block runs EXECUTE with a string built at run time');
    } else if (key === 'PLpgSQL_stmt_return_query' && asObj(value)?.dynquery) {
      dynamic.push('a DO block runs RETURN QUERY EXECUTE with a string built at run time');
    } else if (key === 'PLpgSQL_stmt_open' && asObj(value)?.dynquery) {
      dynamic.push('a DO block opens a cursor on a string built at run time');
    }
    collect(value, sql, dynamic);
  }
}

/** Reads one DoStmt found at [start, end) of `text`. */
export function doBlockOps(stmt: SqlStatement, text: string, place: PlaceInner): DoBlockResult {
  const { language, body } = doOptions(stmt.node);
  if (language !== 'plpgsql') return { ops: [], unread: [`a DO block in ${language} cannot be read`] };
  const at = body === undefined ? undefined : bodyOffset(text, stmt.start, stmt.end, body);
  if (body === undefined || at === undefined)
    return { ops: [], unread: ['a DO block whose body is not dollar-quoted cannot be read'] };
  let tree: unknown;
  try {
    tree = parsePlPgSql(text.slice(stmt.start, stmt.end));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ops: [], unread: [`PostgreSQL's PL/pgSQL parser rejects a DO block (${message})`] };
  }
  const queries: string[] = [];
  const unread: string[] = [];
  collect(tree, queries, unread);
  const ops: SchemaOp[] = [];
  let cursor = at;
  for (const query of queries) {
    const found = text.indexOf(query, cursor);
    const parsed = found === -1 || found >= at + body.length ? undefined : parseSql(query);
    if (parsed?.status !== 'ok') {
      unread.push('a statement in a DO block cannot be read');
      continue;
    }
    for (const inner of parsed.statements) ops.push(...place(inner, found, query));
    cursor = found + query.length;
  }
  return { ops, unread };
}
