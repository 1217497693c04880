import { initPythonParser } from './python-parser.js';
import { pieceEnds } from './sql-statement-ends.js';
import { firstIndex } from '../first-index.js';

// Imported on first use, not at load: evaluating libpg-query's WASM glue costs 20–50 ms at every
// start of the CLI, and most runs (a paths-only policy, `--help`) never parse SQL.
type LibPgQuery = typeof import('libpg-query');

/**
 * The PostgreSQL parser (libpg-query, WASM). Loading the WASM is asynchronous, parsing is
 * synchronous: hosts (CLI, language server, tests) `await initSqlParser()` once, after which
 * rules parse SQL synchronously. Without it, SQL is reported as unread (MIG030), never guessed.
 */

let pg: LibPgQuery | undefined;
let loading: Promise<void> | undefined;

export function initSqlParser(): Promise<void> {
  loading ??= import('libpg-query').then(async (mod) => {
    await mod.loadModule();
    pg = mod;
  });
  return loading;
}

/** Both parsers the migration rules need (Python for Alembic files, PostgreSQL for SQL), loaded together. */
export function initMigrationParsers(): Promise<void> {
  return Promise.all([initSqlParser(), initPythonParser()]).then(() => undefined);
}

export function isSqlParserReady(): boolean {
  return pg !== undefined;
}

/**
 * A raw parse-tree node as libpg-query returns it: `{ KindName: { ...fields } }`.
 * @internal
 */
export type PgNode = Record<string, unknown>;

export interface SqlStatement {
  /** The statement's node kind, e.g. "DropStmt". */
  kind: string;
  /** The fields of that node. */
  node: Record<string, unknown>;
  /** UTF-16 offsets into the parsed text: first token to end of statement (no `;`). */
  start: number;
  end: number;
}

export type SqlParseResult =
  | { status: 'ok'; statements: SqlStatement[] }
  | {
      status: 'error';
      message: string;
      offset: number;
      /** Where the rejected statement starts, when the script was parsed statement by statement. */
      start?: number;
    }
  | { status: 'unavailable' };

/**
 * Byte offsets from libpg-query → UTF-16 offsets, for texts that are not plain ASCII.
 * @internal
 */
export function byteToIndexMapper(text: string): (byte: number) => number {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const starts: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    starts.push(byte);
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    byte += size;
    if (code >= 0x10000) {
      starts.push(byte);
      i++;
    }
  }
  return (b) => firstIndex(starts, (s) => s >= b);
}

/** Skips whitespace and comments so a statement's range starts at its first keyword. */
function skipTrivia(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? to : nl + 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? to : close + 2;
    } else break;
  }
  return i;
}

function trimEnd(text: string, from: number, to: number): number {
  let j = to;
  while (j > from && /[\s;]/.test(text[j - 1] as string)) j--;
  return j;
}

/**
 * A big script is parsed in pieces of about this many characters, cut at statement ends: one
 * parse of a 10 MB seed file builds a JSON text ten times its size and parses that whole, which
 * costs a third more time than the same work in 1 MB pieces (and holds it all in memory at once).
 * Read piece by piece (parseSqlRead), 256 KB pieces cost less again than 1 MB ones (a piece's
 * trees die before they are promoted); 64 KB pieces gain nothing more.
 */
const PIECE = 1 << 18;

/** `piece`: the size of the pieces a script over twice that is parsed in (tests make it small). */
export function parseSql(text: string, piece = PIECE): SqlParseResult {
  const read = parseSqlRead(text, (s) => s, piece);
  return read.status === 'ok' ? { status: 'ok', statements: read.items } : read;
}

/** What `parseSqlRead` answers: `read`'s result for each statement, in order. */
export type SqlReadResult<T> = { status: 'ok'; items: T[] } | Exclude<SqlParseResult, { status: 'ok' }>;

/**
 * `parseSql`, each statement handed to `read` as soon as its piece is parsed, and only what
 * `read` returns kept. A statement's parse tree is 30-odd objects (an INSERT of four values):
 * kept for the whole of a 10 MB seed, 70,000 of them outlive many collections and cost the
 * garbage collector more than the parse; read piece by piece, they die young. `read` must not
 * depend on the statements read before it: when a piece does not parse, the whole text is
 * parsed again and every statement read again.
 */
export function parseSqlRead<T>(text: string, read: (s: SqlStatement) => T, piece = PIECE): SqlReadResult<T> {
  if (pg === undefined) return { status: 'unavailable' };
  const pieces = text.length > 2 * piece ? readInPieces(pg, text, piece, read) : undefined;
  if (pieces) return pieces;
  const whole = parseWhole(pg, text);
  return whole.status === 'ok' ? { status: 'ok', items: whole.statements.map(read) } : whole;
}

/**
 * The statements of `text` parsed piece by piece, offsets in the whole text; undefined when a
 * piece does not parse (a wrong cut ends inside a literal and fails too), so the caller parses
 * the whole text and PostgreSQL's verdict on it stands.
 */
function readInPieces<T>(
  pg: LibPgQuery,
  text: string,
  size: number,
  read: (s: SqlStatement) => T,
): SqlReadResult<T> | undefined {
  const items: T[] = [];
  let start = 0;
  for (const end of [...pieceEnds(text, size), text.length]) {
    if (end === start) continue;
    const piece = parseWhole(pg, text.slice(start, end));
    if (piece.status !== 'ok') return undefined;
    for (const s of piece.statements) {
      s.start += start;
      s.end += start;
      items.push(read(s));
    }
    start = end;
  }
  return { status: 'ok', items };
}

function parseWhole(pg: LibPgQuery, text: string): SqlParseResult {
  const toIndex = byteToIndexMapper(text);
  let result: { stmts?: { stmt?: PgNode; stmt_location?: number; stmt_len?: number }[] };
  try {
    result = pg.parseSync(text) as typeof result;
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { status: 'error', message, offset: toIndex(Math.max(0, details?.cursorPosition ?? 0)) };
  }
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    const stmt = raw.stmt;
    if (!stmt) continue;
    const kind = Object.keys(stmt)[0] as string;
    const from = toIndex(raw.stmt_location ?? 0);
    const to =
      raw.stmt_len === undefined || raw.stmt_len === 0
        ? text.length
        : toIndex((raw.stmt_location ?? 0) + raw.stmt_len);
    const start = skipTrivia(text, from, to);
    statements.push({
      kind,
      node: stmt[kind] as Record<string, unknown>,
      start,
      end: Math.max(start, trimEnd(text, start, to)),
    });
  }
  return { status: 'ok', statements };
}

/**
 * One token of PostgreSQL's scanner; offsets are UTF-8 bytes (see byteToIndexMapper).
 * @internal
 */
export interface SqlToken {
  start: number;
  end: number;
  text: string;
  /** `ASCII_59` for `;`, `SQL_COMMENT`, `C_COMMENT`, `SCONST`, `IDENT`, `UNKNOWN` for keywords, … */
  tokenName: string;
}

/**
 * PostgreSQL's own scanner over the text (quotes, dollar quotes, comments as PostgreSQL reads
 * them); undefined before `initSqlParser()` or when the scanner itself fails (an unterminated
 * quote, which libpg-query reports as unparsable output rather than a token list).
 * @internal
 */
export function scanSql(text: string): SqlToken[] | undefined {
  if (pg === undefined) return undefined;
  try {
    return pg.scanSync(text).tokens;
  } catch {
    return undefined;
  }
}

/**
 * PL/pgSQL's parse tree of a `DO` statement (or function definition), through the same lazily
 * loaded module; undefined before `initSqlParser()`. Throws PostgreSQL's message on a syntax error.
 * @internal
 */
export function parsePlPgSql(text: string): unknown {
  return pg?.parsePlPgSQLSync(text);
}
