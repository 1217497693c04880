import { isPySpace } from './python-space.js';

/**
 * pip's requirements-file preprocessing (`req_file.preprocess`), reproduced step by step so
 * that Slipway reads exactly the lines pip reads, while remembering where each character of a
 * logical line came from in the file:
 *  1. `join_lines`: a line ending in `\` continues on the next one, unless it is a comment
 *     line; the continuation's backslashes are stripped (`line.strip("\\")`, both ends);
 *  2. `ignore_comments`: `#` starts a comment only at the start or after whitespace, so a URL's
 *     `#egg=` fragment survives; the rest is stripped and blank lines dropped;
 *  3. `expand_env_variables`: `${NAME}` (upper case, digits, `_`) is replaced when set and non-empty.
 */
export interface LogicalLine {
  text: string;
  /** 0-based physical lines the logical line spans. */
  firstLine: number;
  lastLine: number;
  /** File offsets of the span: start of the first line, end of the last line's text. */
  start: number;
  end: number;
  /**
   * Where the text came from: for a line that is one piece of the file (nearly every line), the
   * file offset of its first character; otherwise flattened [logicalIndex, fileOffset] pairs,
   * ascending, the last pair at or before an index mapping it. A number, not a two-element
   * array, because a 300,000-line lock would otherwise hold 300,000 small arrays.
   */
  map: number | number[];
}

/** The canonical form of a map: a lone [0, offset] pair is the number `offset`. */
export function compactMap(map: number[]): number | number[] {
  return map.length === 2 && map[0] === 0 ? (map[1] as number) : map;
}

/** A map as pairs, whatever its form. */
export function mapPairs(map: number | number[]): number[] {
  return typeof map === 'number' ? [0, map] : map;
}

export function toFileOffset(line: LogicalLine, index: number): number {
  const m = line.map;
  if (typeof m === 'number') return m + index;
  let k = 0;
  for (let j = 2; j < m.length; j += 2) {
    if ((m[j] as number) <= index) k = j;
    else break;
  }
  return (m[k + 1] as number) + (index - (m[k] as number));
}

/** `COMMENT_RE.match(line)`: `#` at the start, or after leading whitespace. */
function isCommentLine(s: string): boolean {
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 35;
}

/** Where `COMMENT_RE.sub` cuts: the first `#` at the start or right after whitespace. */
function commentStart(s: string): number {
  let i = s.indexOf('#');
  while (i > 0 && !isPySpace(s.charCodeAt(i - 1))) i = s.indexOf('#', i + 1);
  return i;
}

const ENV_RE = /\$\{([A-Z0-9_]+)\}/g;

/** Turns a joined physical-line text (with its [index, offset] map) into a logical line, if not blank. */
function finish(
  joined: string,
  map: number[],
  firstLine: number,
  lastLine: number,
  start: number,
  end: number,
  env: Env | undefined,
  out: LogicalLine[],
): void {
  let text = joined;
  // ignore_comments: cut the comment, then strip().
  const cut = commentStart(text);
  if (cut >= 0) text = text.slice(0, cut);
  let a = 0;
  let b = text.length;
  while (a < b && isPySpace(text.charCodeAt(a))) a++;
  while (b > a && isPySpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return;
  let line: LogicalLine = {
    text: text.slice(a, b),
    firstLine,
    lastLine,
    start,
    end,
    map: compactMap(a > 0 ? shift(map, a) : map),
  };
  if (env && line.text.includes('${')) line = expand(line, env);
  out.push(line);
}

function shift(map: number[], by: number): number[] {
  const fileAt = toFileOffset({ map } as LogicalLine, by);
  const out = [0, fileAt];
  for (let j = 0; j < map.length; j += 2)
    if ((map[j] as number) > by) out.push((map[j] as number) - by, map[j + 1] as number);
  return out;
}

export type Env = Readonly<Record<string, string | undefined>>;

function expand(line: LogicalLine, env: Env): LogicalLine {
  let text = '';
  const map: number[] = [];
  let last = 0;
  const src = line.text;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; ) {
      // Keep the original mapping's breaks inside copied text.
      map.push(text.length, toFileOffset(line, i));
      let next = to;
      const pairs = mapPairs(line.map);
      for (let j = 0; j < pairs.length; j += 2) {
        const li = pairs[j] as number;
        if (li > i && li < next) next = li;
      }
      text += src.slice(i, next);
      i = next;
    }
  };
  for (const m of src.matchAll(ENV_RE)) {
    const value = env[m[1] as string];
    if (!value) continue;
    copy(last, m.index);
    map.push(text.length, toFileOffset(line, m.index));
    text += value;
    last = m.index + m[0].length;
    // The end of the value maps to the end of `${NAME}`, so a range over the value covers it.
    map.push(text.length, toFileOffset(line, last));
  }
  if (last === 0) return line;
  copy(last, src.length);
  return { ...line, text, map: compactMap(map) };
}

/**
 * Reads a file's text into pip's logical lines. Physical lines end at "\n" (a "\r" before it is
 * dropped, as Python's universal newlines do); a leading BOM is skipped.
 */
export function readLogicalLines(
  text: string,
  env?: Env,
  window?: { from: number; to: number; line: number },
): LogicalLine[] {
  const out: LogicalLine[] = [];
  // The continued lines joined so far, and their map; `jmap` is set while a join is pending.
  let joined = '';
  let jmap: number[] | undefined;
  let first = -1;
  let spanStart = 0;
  // A window (from the start of a physical line to just past a line end) re-reads part of a
  // file whose other lines are known; see incremental-parse.ts.
  let lineNo = window?.line ?? 0;
  let pos = window ? window.from : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = window ? window.to : text.length;
  while (pos <= n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > n) nl = n;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const isLast = nl >= n;
    if (!(isLast && pos === n && jmap === undefined)) {
      // A comment line outside a continuation yields nothing: skip it without building strings.
      let k = pos;
      while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      if (jmap === undefined && text.charCodeAt(k) === 35) {
        if (isLast) break;
        pos = nl + 1;
        lineNo++;
        continue;
      }
      const raw = text.slice(pos, end);
      const comment = isCommentLine(raw);
      if (raw.charCodeAt(raw.length - 1) !== 92 || comment) {
        const piece = comment ? ` ${raw}` : raw;
        const offset = comment ? pos - 1 : pos;
        if (jmap !== undefined) {
          jmap.push(joined.length, offset);
          finish(joined + piece, jmap, first, lineNo, spanStart, end, env, out);
          jmap = undefined;
          joined = '';
        } else finish(piece, [0, offset], lineNo, lineNo, pos, end, env, out);
      } else {
        if (jmap === undefined) {
          first = lineNo;
          spanStart = pos;
          jmap = [];
        }
        let a = 0;
        let b = raw.length;
        while (a < b && raw.charCodeAt(a) === 92) a++;
        while (b > a && raw.charCodeAt(b - 1) === 92) b--;
        jmap.push(joined.length, pos + a);
        joined += raw.slice(a, b);
      }
    }
    if (isLast) break;
    pos = nl + 1;
    lineNo++;
  }
  if (jmap !== undefined) finish(joined, jmap, first, lineNo, spanStart, n, env, out);
  return out;
}
