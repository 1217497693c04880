import { byteToIndexMapper, parseSql, type SqlParseResult, scanSql, type SqlToken } from './sql-parser.js';

/**
 * PostgreSQL rejects a whole script for one bad statement, which would hide every other
 * statement from the rules. When the whole parse fails, the script is cut at the `;` tokens of
 * PostgreSQL's own scanner (never a text split: `;` inside quotes, dollar quotes and comments is
 * not a boundary) and each statement is parsed alone, so the bad ones are reported and the rest
 * still judged. Only the failing path pays for this; a script that parses is parsed once.
 */

interface Piece {
  /** UTF-16 offsets of the statement's first token and of the end of its `;` (or last token). */
  start: number;
  end: number;
}

const isComment = (t: SqlToken) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT';

/**
 * Statement ranges, or undefined when the scanner fails. A SQL-standard function body
 * (`BEGIN ATOMIC ... END`) holds `;` of its own: inside it (CASE ... END nested) nothing is cut.
 */
function statementPieces(text: string): Piece[] | undefined {
  const tokens = scanSql(text);
  if (!tokens) return undefined;
  const toIndex = byteToIndexMapper(text);
  const pieces: Piece[] = [];
  let first: SqlToken | undefined;
  let last: SqlToken | undefined;
  let previous = '';
  let atomic = 0;
  for (const token of tokens) {
    if (isComment(token)) continue;
    const word = token.tokenName === 'UNKNOWN' || token.tokenName === 'IDENT' ? token.text.toUpperCase() : '';
    if (atomic === 0 && word === 'ATOMIC' && previous === 'BEGIN') atomic = 1;
    else if (atomic > 0 && word === 'CASE') atomic++;
    else if (atomic > 0 && word === 'END') atomic--;
    previous = word;
    if (token.tokenName === 'ASCII_59' && atomic === 0) {
      if (first) pieces.push({ start: toIndex(first.start), end: toIndex(token.end) });
      first = undefined;
      continue;
    }
    first ??= token;
    last = token;
  }
  if (first && last) pieces.push({ start: toIndex(first.start), end: toIndex(last.end) });
  return pieces;
}

/**
 * Each statement of a script that did not parse as a whole, parsed on its own, offsets in the
 * whole text; undefined when it cannot be split into more than one statement (the whole-text
 * error is then the answer).
 */
export function parseEachStatement(text: string): SqlParseResult[] | undefined {
  const pieces = statementPieces(text);
  if (!pieces || pieces.length < 2) return undefined;
  return pieces.map(({ start, end }): SqlParseResult => {
    const result = parseSql(text.slice(start, end));
    if (result.status === 'error') return { ...result, offset: result.offset + start, start };
    if (result.status !== 'ok') return result;
    const statements = result.statements.map((s) => ({ ...s, start: s.start + start, end: s.end + start }));
    return { status: 'ok', statements };
  });
}
