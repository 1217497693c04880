/**
 * Where Python's comments and string literals are, from a scan of the text (no parse): enough to
 * tell a `# slipway: allow` comment from the same characters inside a string, which must not
 * suppress anything (`x = "# slipway: allow MIG002 -- …"` is data, not a directive).
 *
 * Strings are single- or triple-quoted, with any prefix (`r`, `b`, `f`, `u`, combined); a
 * backslash escapes the next character (in raw strings too, as far as where the string ends is
 * concerned). A single-quoted string ends at the line's end even when unclosed, as Python's
 * tokenizer gives up there; a triple-quoted one runs on.
 */
export interface PythonLexicalMap {
  /** Offsets where comments start (their `#`). */
  comments: ReadonlySet<number>;
  /** String literal spans, [start, end) offsets, in order. */
  strings: readonly (readonly [number, number])[];
}

export function pythonLexicalMap(text: string): PythonLexicalMap {
  const comments = new Set<number>();
  const strings: [number, number][] = [];
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads no character and leaves the loop.
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      comments.add(i);
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '"' || c === "'") {
      const start = i;
      const triple = text.startsWith(c + c + c, i);
      i += triple ? 3 : 1;
      // Stryker disable next-line EqualityOperator: one step past the end reads no character and leaves the loop; the span is clamped below.
      while (i < text.length) {
        const d = text[i];
        if (d === '\\') i += 2;
        else if (triple ? text.startsWith(c + c + c, i) : d === c) {
          i += triple ? 3 : 1;
          break;
        } else if (d === '\n' && !triple) break;
        else i++;
      }
      strings.push([start, Math.min(i, text.length)]);
    } else i++;
  }
  return { comments, strings };
}

/** Whether `offset` lies inside one of the (ordered) string spans. */
export function insideString(map: PythonLexicalMap, offset: number): boolean {
  const spans = map.strings;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid] as readonly [number, number];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}
