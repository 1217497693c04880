import { appendAll } from '../append-all.js';
import type { SchemaOp } from './schema-op.js';
import { parsePlPgSql, parseSql, type SqlStatement } from './sql-parser.js';
import { asObj, type Obj } from './sql-node.js';

/**
 * `DO $$ ... $$` blocks run PL/pgSQL, whose SQL statements the main parser sees only as one
 * string. libpg-query's PL/pgSQL parser gives each embedded statement's text (verbatim, without
 * its `;`) in source order; each is found in the block's body, parsed as SQL and judged like any
 * other statement, placed where it is written. `EXECUTE` of a constant string (`EXECUTE 'DROP
 * TABLE t'`, the real parser decides what is constant) is that SQL. What cannot be read statically
 * (EXECUTE of a string built at run time, another language, a body PL/pgSQL rejects) is unread
 * SQL (MIG030).
 */

/** Where an embedded statement goes: offsets into the SQL text the DO statement came from. */
export type PlaceInner = (stmt: SqlStatement, offset: number, text: string) => SchemaOp[];

export interface DoBlockResult {
  ops: SchemaOp[];
  /** Why (part of) the block could not be read; one MIG030 each. */
  unread: string[];
}

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

/** An embedded statement: SQL as written, or the expression an EXECUTE runs. */
interface Embedded {
  query: string;
  execute: boolean;
  /** `SELECT ... INTO v`: PL/pgSQL's copy of the query has the INTO clause blanked (locate). */
  into?: boolean;
  /** `PERFORM expr`: the query is `expr`, run as `SELECT expr` from where PERFORM is written. */
  perform?: boolean;
}

const EXECUTE_AT_RUN_TIME = 'a DO block runs EXECUTE with a string built at run time';

/** PL/pgSQL statements in source order: static SQL and EXECUTEs, and the kinds that are dynamic. */
function collect(node: unknown, sql: Embedded[], dynamic: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, sql, dynamic);
    return;
  }
  const obj = asObj(node);
  if (!obj) return;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'PLpgSQL_stmt_execsql') {
      const query = asObj(asObj(asObj(value)?.sqlstmt)?.PLpgSQL_expr)?.query;
      if (typeof query === 'string') sql.push({ query, execute: false, into: asObj(value)?.into === true });
      continue;
    }
    if (key === 'PLpgSQL_stmt_perform') {
      // PL/pgSQL keeps `PERFORM f()` as `SELECT f()`: the expression is found as written.
      const query = asObj(asObj(asObj(value)?.expr)?.PLpgSQL_expr)?.query;
      if (typeof query === 'string' && query.startsWith('SELECT '))
        sql.push({ query: query.slice('SELECT '.length), execute: false, perform: true });
      continue;
    }
    if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors') {
      const query = asObj(asObj(asObj(value)?.query)?.PLpgSQL_expr)?.query;
      if (typeof query === 'string') sql.push({ query, execute: true });
      else dynamic.push(EXECUTE_AT_RUN_TIME);
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
  return bodyOps(stmt, text, place, language, body);
}

/**
 * Reads the body of a CREATE FUNCTION / PROCEDURE found at [start, end) of `text`, as a DO
 * block's: its statements run when the function is called (function-calls.ts), and the reasons
 * say "the body of f()" where a DO block's say "a DO block". A `LANGUAGE sql` body is SQL.
 */
export function functionBodyOps(
  stmt: SqlStatement,
  text: string,
  place: PlaceInner,
  name: string,
): DoBlockResult {
  let language = 'sql';
  let body: string | undefined;
  for (const option of Array.isArray(stmt.node.options) ? stmt.node.options : []) {
    const def = asObj(asObj(option)?.DefElem);
    if (def?.defname === 'language')
      language = String(asObj(asObj(def.arg)?.String)?.sval ?? language).toLowerCase();
    const items = asObj(asObj(def?.arg)?.List)?.items;
    const first = Array.isArray(items) ? asObj(asObj(items[0])?.String)?.sval : undefined;
    if (def?.defname === 'as' && typeof first === 'string') body = first;
  }
  const read =
    language === 'sql' ? sqlBodyOps(stmt, text, place, body) : bodyOps(stmt, text, place, language, body);
  const who = `the body of ${name}()`;
  return { ops: read.ops, unread: read.unread.map((r) => r.replaceAll('a DO block', who)) };
}

/** A `LANGUAGE sql` function's body: its statements, parsed as SQL where they are written. */
function sqlBodyOps(
  stmt: SqlStatement,
  text: string,
  place: PlaceInner,
  body: string | undefined,
): DoBlockResult {
  const at = body === undefined ? undefined : bodyOffset(text, stmt.start, stmt.end, body);
  if (body === undefined || at === undefined)
    return { ops: [], unread: ['a DO block whose body is not dollar-quoted cannot be read'] };
  const parsed = parseSql(body);
  if (parsed.status !== 'ok') return { ops: [], unread: ['a statement in a DO block cannot be read'] };
  const ops: SchemaOp[] = [];
  for (const inner of parsed.statements) appendAll(ops, place(inner, at, body));
  return { ops, unread: [] };
}

function bodyOps(
  stmt: SqlStatement,
  text: string,
  place: PlaceInner,
  language: string,
  body: string | undefined,
): DoBlockResult {
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
  const embedded: Embedded[] = [];
  const unread: string[] = [];
  collect(tree, embedded, unread);
  const ops: SchemaOp[] = [];
  let cursor = at;
  for (const { query, execute, into, perform } of embedded) {
    const found = locate(text, query, cursor, into === true);
    if (found === -1 || found >= at + body.length) {
      unread.push(execute ? EXECUTE_AT_RUN_TIME : 'a statement in a DO block cannot be read');
      continue;
    }
    cursor = found + query.length;
    // EXECUTE runs the value of its expression: SQL of its own when that value is a constant.
    const sql = execute ? constantString(query) : perform ? `SELECT ${query}` : query;
    if (sql === undefined) {
      unread.push(EXECUTE_AT_RUN_TIME);
      continue;
    }
    const parsed = parseSql(sql);
    if (parsed.status !== 'ok') {
      unread.push(
        execute
          ? 'an EXECUTE in a DO block runs SQL that cannot be read'
          : 'a statement in a DO block cannot be read',
      );
      continue;
    }
    // A literal without escapes ('...', E'...', $q$...$q$) holds the SQL verbatim after its opening
    // quote; one with escapes ('') is placed at its start (positions inside may drift a little).
    const verbatim = execute ? query.indexOf(sql) : 0;
    // The SELECT PL/pgSQL runs for a PERFORM is placed on the PERFORM (its expression's line).
    const offset = perform ? found - 'SELECT '.length : found + Math.max(verbatim, 0);
    for (const inner of parsed.statements) appendAll(ops, place(inner, offset, sql));
  }
  return { ops, unread: counted(unread) };
}

/** One reason per kind, all on the DO line: `... (8 times)` rather than eight findings. */
function counted(reasons: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => (n > 1 ? `${r} (${n} times)` : r));
}

/**
 * Where PL/pgSQL's copy of a statement starts in the source. For `SELECT ... INTO v ...` its copy
 * has the INTO clause blanked with as many spaces (or cut off when it ends the statement), so
 * there a space matches any character: offsets inside stay the source's own.
 */
function locate(text: string, query: string, from: number, into: boolean): number {
  const exact = text.indexOf(query, from);
  if (exact !== -1 || !into) return exact;
  const head = query.slice(0, Math.max(query.search(/\s/), 1));
  for (let at = text.indexOf(head, from); at !== -1; at = text.indexOf(head, at + 1)) {
    let same = at + query.length <= text.length;
    for (let i = 0; same && i < query.length; i++) {
      const c = query.charCodeAt(i);
      if (c !== 32 && c !== text.charCodeAt(at + i)) same = false;
    }
    if (same) return at;
  }
  return -1;
}

/**
 * The value of an EXECUTE expression when it is one string constant ('...', E'...', $q$...$q$),
 * as PostgreSQL's parser reads `SELECT <expression>`; undefined for anything computed.
 */
function constantString(expression: string): string | undefined {
  const parsed = parseSql(`SELECT ${expression}`);
  if (parsed.status !== 'ok' || parsed.statements.length !== 1) return undefined;
  const [select] = parsed.statements;
  if (select?.kind !== 'SelectStmt') return undefined;
  const extra = Object.keys(select.node).filter((k) => !['targetList', 'limitOption', 'op'].includes(k));
  const targets = select.node.targetList;
  if (extra.length > 0 || !Array.isArray(targets) || targets.length !== 1) return undefined;
  const value = asObj(asObj(asObj(targets[0])?.ResTarget)?.val);
  const sval = asObj(asObj(value?.A_Const)?.sval)?.sval;
  return typeof sval === 'string' ? sval : undefined;
}
