import { LIMITS, megabytes } from '../limits.js';
import { statementsPast } from './sql-statement-ends.js';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import type { SchemaOp } from './schema-op.js';
import { leadingDdlVerb } from './statement-head.js';
import { sqlStatementOps } from './sql-ops.js';
import { withCalledBodies } from './function-calls.js';
import { parseSqlRead, type SqlReadResult, type SqlStatement } from './sql-parser.js';
import { parseEachStatement } from './sql-split.js';

/**
 * SQLAlchemy runs `op.execute("...")` strings as `text()`, where `:name` is a bind parameter.
 * PostgreSQL's grammar has no such token, so each one becomes `$1` padded to the same length:
 * offsets stay put and the statement still parses. Quotes, `::` casts and comments are skipped.
 */
export function neutraliseBindParams(sql: string): string {
  if (!sql.includes(':')) return sql;
  // Unchanged text is copied in runs between placeholders: a character at a time, a 10 MB seed
  // (its timestamps have colons) cost millions of one-character strings.
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql.charCodeAt(i);
    if (c === 0x27 || c === 0x22) {
      const close = sql.indexOf(c === 0x27 ? "'" : '"', i + 1);
      i = close === -1 ? sql.length : close + 1;
    } else if (c === 0x2d && sql.charCodeAt(i + 1) === 0x2d) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl;
    } else if (c === 0x3a && sql.charCodeAt(i + 1) === 0x3a) {
      i += 2;
    } else if (c === 0x3a && /[A-Za-z_]/.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') {
      let j = i + 1;
      while (j < sql.length && /\w/.test(sql[j] as string)) j++;
      parts.push(sql.slice(copied, i), '$1'.padEnd(j - i, ' '));
      copied = j;
      i = j;
    } else i++;
  }
  if (copied === 0) return sql;
  parts.push(sql.slice(copied));
  return parts.join('');
}

export interface SqlSource {
  /** The SQL text. */
  sql: string;
  /** Source offset of SQL character i (i may equal sql.length); identity for a .sql file. */
  offsetAt: (i: number) => number;
  lines: LineIndex;
  /**
   * For SQL inside a Python call: the call's first line. A statement that starts on another
   * line is reported there (so a `# slipway: allow` comment above the call works) with the exact
   * statement as `detail`. For .sql files: absent, findings sit on the statement itself.
   */
  anchor?: Range;
}

/**
 * Parses SQL held in a Python string (or a .sql file) into ops placed in the source file. A
 * script that does not parse as a whole is parsed statement by statement (sql-split.ts): each
 * bad statement is one unread op, the others are judged as usual.
 */
export function sqlSourceOps(src: SqlSource): SchemaOp[] {
  // SQL a Python migration executes has the limits of a .sql file (which pastLimit applies
  // before it gets here): one unread op that says which, never a parse of a hostile string.
  const limit = LIMITS.sql;
  if (src.anchor && (src.sql.length > limit.chars || statementsPast(src.sql, limit.statements))) {
    const what =
      src.sql.length > limit.chars
        ? `is ${megabytes(src.sql.length)}, more than the ${megabytes(limit.chars)} Slipway reads of one migration's SQL`
        : `holds more than ${limit.statements.toLocaleString('en-US')} SQL statements, the most Slipway reads of one migration`;
    const message = `The SQL this call executes ${what}, so it was not checked; split it into smaller migrations.`;
    return [{ ...unread(src.anchor, message), refused: true }];
  }
  const sql = neutraliseBindParams(src.sql);
  const at = (i: number) => src.offsetAt(Math.min(i, src.sql.length));
  const read = statementReader(src);
  const parsed = parseSqlRead(sql, read);
  if (parsed.status === 'unavailable') {
    return [
      unread(
        src.anchor ?? src.lines.range(at(0), at(0)),
        'the SQL parser is not initialised (the host must await initSqlParser())',
      ),
    ];
  }
  const parts: SqlReadResult<ReadStatement>[] =
    parsed.status === 'error'
      ? (parseEachStatement(sql)?.map((part) =>
          part.status === 'ok' ? { status: 'ok', items: part.statements.map(read) } : part,
        ) ?? [parsed])
      : [parsed];
  const ops: SchemaOp[] = [];
  let inTransaction = false;
  for (const part of parts) {
    if (part.status === 'unavailable') continue;
    if (part.status === 'error') {
      const pos = src.lines.range(at(part.offset), at(part.offset));
      const ddlVerb = leadingDdlVerb(sql, part.start ?? 0);
      ops.push({
        ...unread(src.anchor ?? pos, `PostgreSQL's parser rejects it (${part.message})`),
        detail: pos,
        ...(ddlVerb ? { ddlVerb } : {}),
      });
      continue;
    }
    inTransaction = appendStatementOps(ops, part.items, inTransaction);
  }
  // A function the SQL creates and then calls runs its body where it is called.
  return withCalledBodies(ops);
}

/**
 * The ops of a .sql script that parses as a whole, as sqlSourceOps reads it; undefined when
 * PostgreSQL rejects it (or the parser is not loaded), where sqlSourceOps would read it
 * statement by statement. A piece of a big file is read so (sql-file-pieces.ts): only the
 * whole file's verdict may say which statement is wrong.
 */
export function parsedScriptOps(src: SqlSource): SchemaOp[] | undefined {
  const parsed = parseSqlRead(neutraliseBindParams(src.sql), statementReader(src));
  if (parsed.status !== 'ok') return undefined;
  const ops: SchemaOp[] = [];
  appendStatementOps(ops, parsed.items, false);
  return ops;
}

/** Each statement to its ops as soon as it is parsed (its parse tree then dies young). */
function statementReader(src: SqlSource): (stmt: SqlStatement) => ReadStatement {
  const at = (i: number) => src.offsetAt(Math.min(i, src.sql.length));
  const place = (start: number, end: number) => {
    const detail = src.lines.range(at(start), at(end));
    const onAnchor = !src.anchor || detail.start.line === src.anchor.start.line;
    return { range: onAnchor || !src.anchor ? detail : src.anchor, detail };
  };
  return (stmt) => ({
    ops: sqlStatementOps(stmt, src.sql, place),
    transaction: stmt.kind === 'TransactionStmt' ? transactionEdge(stmt.node.kind) : undefined,
  });
}

/**
 * Appends the statements' ops, each marked inside an explicit transaction block when it is
 * (`open`: whether one is open before the first); returns whether one is open after the last.
 */
function appendStatementOps(ops: SchemaOp[], items: readonly ReadStatement[], open: boolean): boolean {
  let inTransaction = open;
  for (const { ops: statementOps, transaction } of items) {
    if (transaction) inTransaction = transaction === 'begin';
    for (const op of statementOps) {
      if (inTransaction) op.inTransaction = true;
      if (transaction) op.transaction = transaction;
      ops.push(op);
    }
  }
  return inTransaction;
}

/** One statement as sqlSourceOps keeps it: its ops, and whether it opens or ends a transaction. */
export interface ReadStatement {
  ops: SchemaOp[];
  transaction: 'begin' | 'end' | undefined;
}

/** BEGIN / START TRANSACTION open a transaction block; COMMIT / END / ROLLBACK / PREPARE end it. */
function transactionEdge(kind: unknown): 'begin' | 'end' | undefined {
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE')
    return 'end';
  return undefined;
}

export function unread(range: Range, reason: string): SchemaOp {
  return { kind: 'unread_sql', reason, range, source: 'op', label: 'op.execute(...)' };
}
