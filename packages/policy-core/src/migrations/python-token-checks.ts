// Single tokens @lezer/python accepts that CPython's tokenizer rejects. Each check reads the
// token's text in the source and returns CPython's message, or undefined when the token is fine.

/** `print "x"`: lezer knows Python 2's print statement; `print -1` is valid Python 3 (a subtraction). */
export function printStatementError(src: string, from: number): string | undefined {
  let i = from + 5;
  while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
  const c = src[i];
  return c !== '-' && c !== '+'
    ? "Missing parentheses in call to 'print'. Did you mean print(...)?"
    : undefined;
}

/** `0777`: Python 2's octal; `00`, `0_0`, `07.5`, `0777j` and `0e1` are valid. */
export function numberError(src: string, from: number, to: number): string | undefined {
  if (src.charCodeAt(from) !== 48 || to - from < 2) return undefined;
  let nonZero = false;
  for (let i = from + 1; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 95 || c === 48) continue;
    if (c < 49 || c > 57) return undefined;
    nonZero = true;
  }
  return nonZero
    ? 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'
    : undefined;
}

/** Lezer ends a single-quoted string at the line's end and a triple-quoted one at the file's. */
export function stringError(src: string, from: number, to: number): string | undefined {
  let i = from;
  for (let c = src.charCodeAt(i); (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = src.charCodeAt(++i));
  const quote = src.charCodeAt(i);
  const q = src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote ? 3 : 1;
  let closed = to - i >= 2 * q;
  for (let k = 1; closed && k <= q; k++) closed = src.charCodeAt(to - k) === quote;
  if (closed) {
    // An odd run of backslashes escapes the would-be closing quote.
    let slashes = 0;
    for (let k = to - q - 1; k >= i + q && src.charCodeAt(k) === 92; k--) slashes++;
    closed = slashes % 2 === 0;
  }
  if (closed) return undefined;
  return q === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
}
