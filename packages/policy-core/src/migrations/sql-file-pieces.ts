import { readsAsPsql, type SqlRunner } from '../policy/schema/migrations.js';
import { LineIndex } from '../text-position.js';
import { isBinaryText, unusableSource } from './binary-file.js';
import { pastLimit } from './refused-file.js';
import type { SchemaOp } from './schema-op.js';
import { sqlFilePart } from './sql-migration-parts.js';
import { pieceEnds } from './sql-statement-ends.js';
import { parsedScriptOps } from './sql-text.js';

/**
 * A big .sql migration (a seed of tens of thousands of INSERTs) read as pieces cut at statement
 * ends, each piece on its own thread: one file is otherwise one thread's work however many
 * cores there are. 512 KB pieces: 20 for a 10 MB seed, enough to keep every core busy.
 */
export const PIECE_CHARS = 1 << 19;

/**
 * The pieces of `text` to read apart, or undefined when it is read whole: a small file, a
 * runner with a way back or templates (its parts are cut by the runner's markers, not by
 * statements), or a file refused, unusable or binary. Each piece is padded in front with the
 * lines and columns before it (newlines, then spaces), so that a piece read alone places every
 * op exactly where reading the whole file would.
 */
export function sqlFilePieces(
  path: string,
  text: string,
  runner: SqlRunner,
  size = PIECE_CHARS,
): string[] | undefined {
  if (!readsAsPsql(runner) || text.length < 2 * size || sqlFilePart(path, runner) !== 'forward')
    return undefined;
  if (pastLimit(path, text, 'sql') || unusableSource(text, 'sql') || isBinaryText(text)) return undefined;
  // A backslash may be a psql meta-command (or `\set`, whose variables later statements use):
  // read whole, as psql reads it (psql-script.ts).
  if (text.includes('\\')) return undefined;
  // A function created in one piece may be called in another (function-calls.ts): read whole.
  if (/\b(?:FUNCTION|PROCEDURE)\b/i.test(text)) return undefined;
  // A byte order mark is not SQL: a space in its place, as sqlFileOps reads it.
  const sql = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const lines = new LineIndex(sql);
  const pieces: string[] = [];
  let start = 0;
  for (const end of [...pieceEnds(sql, size), sql.length]) {
    if (end === start) continue;
    const at = lines.position(start);
    pieces.push('\n'.repeat(at.line) + ' '.repeat(at.character) + sql.slice(start, end));
    start = end;
  }
  return pieces.length > 1 ? pieces : undefined;
}

/** The ops of one padded piece; undefined when PostgreSQL rejects it (the whole file is then read whole). */
export function sqlPieceOps(piece: string): SchemaOp[] | undefined {
  return parsedScriptOps({ sql: piece, offsetAt: (i) => i, lines: new LineIndex(piece) });
}

/**
 * The file's ops from its pieces' ops, in order: as sqlSourceOps marks them, an op after a
 * BEGIN and before its COMMIT is inside a transaction block even when a cut fell between them.
 */
export function joinPieceOps(pieces: readonly SchemaOp[][]): SchemaOp[] {
  const ops: SchemaOp[] = [];
  let open = false;
  for (const piece of pieces)
    for (const op of piece) {
      if (op.transaction) open = op.transaction === 'begin';
      if (open) op.inTransaction = true;
      ops.push(op);
    }
  return ops;
}
