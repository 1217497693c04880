import { PYTHON_SIMPLE_ESCAPES } from '../python-escapes.js';
import { firstIndex } from '../first-index.js';

/**
 * Decodes Python string literals (as the lezer grammar delimits them) into their value, keeping
 * for every character of the value the offset in the source it came from. That map lets SQL
 * positions inside `op.execute("...")` point back into the Python file.
 */

export interface DecodedString {
  value: string;
  /** Source offset of value[i]; offsetAt(value.length) is the end of the last piece. */
  offsetAt(i: number): number;
}

const SIMPLE_ESCAPES = PYTHON_SIMPLE_ESCAPES;

/** Splits `rb"""x"""` into prefix, quote and body bounds (offsets into `literal`). */
function splitLiteral(literal: string): { prefix: string; bodyStart: number; bodyEnd: number } | undefined {
  let i = 0;
  for (
    let c = literal.charCodeAt(0);
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    c = literal.charCodeAt(++i)
  );
  const prefix = i === 0 ? '' : literal.slice(0, i).toLowerCase();
  const quote = literal[i];
  if (quote !== '"' && quote !== "'") return undefined;
  const triple = literal[i + 1] === quote && literal[i + 2] === quote;
  const q = triple ? 3 : 1;
  const bodyStart = i + q;
  const bodyEnd = literal.length - q;
  if (bodyEnd < bodyStart) return undefined;
  return { prefix, bodyStart, bodyEnd };
}

/**
 * Decodes one literal token starting at `sourceOffset`. Returns undefined for f-strings (their
 * value is only known at run time) and for bytes literals' non-ASCII escapes it keeps the raw code.
 */
export function decodePythonString(literal: string, sourceOffset: number): DecodedString | undefined {
  const parts = splitLiteral(literal);
  if (!parts) return undefined;
  const { prefix, bodyStart, bodyEnd } = parts;
  if (prefix.includes('f') || prefix.includes('t')) return undefined;
  const raw = prefix.includes('r');
  let value = '';
  const offsets: number[] = [];
  const push = (text: string, at: number) => {
    for (let k = 0; k < text.length; k++) offsets.push(sourceOffset + at);
    value += text;
  };
  let i = bodyStart;
  // Fast path: no backslash means the body is the value.
  if (raw || literal.indexOf('\\', bodyStart) === -1 || literal.indexOf('\\', bodyStart) >= bodyEnd) {
    // Most literals have no escapes: the map is a shift, no table needed.
    const start = sourceOffset + bodyStart;
    return { value: literal.slice(bodyStart, bodyEnd), offsetAt: (k) => start + k };
  }
  while (i < bodyEnd) {
    const ch = literal[i] as string;
    if (ch !== '\\' || i + 1 >= bodyEnd) {
      push(ch, i);
      i++;
      continue;
    }
    const next = literal[i + 1] as string;
    if (next === '\n') {
      i += 2;
      continue;
    }
    if (next === '\r') {
      i += literal[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      push(simple, i);
      i += 2;
      continue;
    }
    const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = literal.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        push(String.fromCodePoint(Number.parseInt(hex, 16)), i);
        i += 2 + hexLen;
        continue;
      }
    }
    if (next >= '0' && next <= '7') {
      let j = i + 1;
      while (j < bodyEnd && j < i + 4 && (literal[j] as string) >= '0' && (literal[j] as string) <= '7') j++;
      push(String.fromCharCode(Number.parseInt(literal.slice(i + 1, j), 8)), i);
      i = j;
      continue;
    }
    // Unknown escapes (and \N{...}) stay as written, as Python keeps unknown ones.
    push('\\', i);
    i++;
  }
  offsets.push(sourceOffset + bodyEnd);
  const table = Int32Array.from(offsets);
  return { value, offsetAt: (k) => table[Math.min(k, table.length - 1)] as number };
}

/**
 * Joins implicitly concatenated pieces ("a" "b") into one decoded string. Generated migrations
 * can hold 100k pieces in one call, each SQL statement asking for its offsets: a piece is found
 * by binary search over the pieces' starts (a scan from the end made such a file quadratic).
 */
export function concatDecoded(pieces: DecodedString[]): DecodedString {
  if (pieces.length === 1) return pieces[0] as DecodedString;
  const starts = new Int32Array(pieces.length);
  const values: string[] = [];
  let length = 0;
  for (let k = 0; k < pieces.length; k++) {
    const v = (pieces[k] as DecodedString).value;
    starts[k] = length;
    values.push(v);
    length += v.length;
  }
  const value = values.join('');
  const last = pieces[pieces.length - 1] as DecodedString;
  const offsetAt = (i: number): number => {
    if (i >= value.length) return last.offsetAt(last.value.length);
    // The last piece starting at or before i (starts[0] is 0): an empty piece shares its start
    // with the next one, and the later piece owns the character.
    const k = Math.max(0, firstIndex(starts, (s) => s > i) - 1);
    return (pieces[k] as DecodedString).offsetAt(i - (starts[k] as number));
  };
  return { value, offsetAt };
}
