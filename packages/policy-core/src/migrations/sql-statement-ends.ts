/**
 * Where SQL statements end, by a quick lexer that knows what PostgreSQL's scanner knows about
 * `;`: not inside quotes, quoted identifiers, comments (nested `/* *\/` too) or dollar quotes.
 * Used to count statements before PostgreSQL's parser sees a file (the statement limit), and to
 * cut a big file into pieces the parser takes one at a time. It is never trusted with meaning:
 * a piece it cut wrongly ends inside a literal, which PostgreSQL's parser then rejects (and the
 * caller parses the whole text instead).
 */

/**
 * Calls `onEnd(i)` with the offset of each `;` that ends a statement with content, in order,
 * until it returns false. Returns whether text with content follows the last `;` counted
 * (an unterminated last statement), or undefined when `onEnd` stopped the walk.
 */
export function forEachStatementEnd(sql: string, onEnd: (offset: number) => boolean): boolean | undefined {
  let content = false;
  const n = sql.length;
  for (let i = 0; i < n; i++) {
    const c = sql.charCodeAt(i);
    if (c === 0x3b) {
      if (content && !onEnd(i)) return undefined;
      content = false;
    } else if (c === 0x27 || c === 0x22) {
      const close = sql.indexOf(c === 0x27 ? "'" : '"', i + 1);
      i = close === -1 ? n : close;
      content = true;
    } else if (c === 0x2d && sql.charCodeAt(i + 1) === 0x2d) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (c === 0x2f && sql.charCodeAt(i + 1) === 0x2a) {
      let depth = 1;
      for (i += 2; i < n && depth > 0; i++) {
        const d = sql.charCodeAt(i);
        const e = sql.charCodeAt(i + 1);
        if (d === 0x2f && e === 0x2a) {
          depth++;
          i++;
        } else if (d === 0x2a && e === 0x2f) {
          depth--;
          i++;
        }
      }
      i--;
    } else if (c === 0x24) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length - 1;
      }
      content = true;
    } else if (c > 0x20) content = true;
  }
  return content;
}

/**
 * True when `sql` holds more than `max` statements. One pass that stops at the first statement
 * past the limit, before PostgreSQL's parser sees the file.
 */
export function statementsPast(sql: string, max: number): boolean {
  let count = 0;
  const tail = forEachStatementEnd(sql, () => ++count <= max);
  return tail === undefined || (tail && count + 1 > max);
}

/**
 * Offsets just past the statement ends where `sql` may be cut into pieces of about `size`
 * characters each (a cut falls at the first statement end after each `size` boundary).
 */
export function pieceEnds(sql: string, size: number): number[] {
  const ends: number[] = [];
  let next = size;
  forEachStatementEnd(sql, (i) => {
    if (i >= next) {
      ends.push(i + 1);
      next = i + 1 + size;
    }
    return true;
  });
  return ends;
}
