/**
 * An @iarna/toml parse error as one line and an offset into the text. It reports a 0-based line
 * and column (its `pos` can point past the line); its message ends with "at row …, col …, pos …"
 * and a code frame, which the offset replaces.
 */
export function tomlParseError(e: unknown, text: string): { message: string; offset: number } {
  const err = e as { message?: string; line?: number; col?: number };
  const first = String(err.message ?? e).split('\n')[0] ?? 'invalid TOML';
  let offset = 0;
  for (let l = 0; l < (err.line ?? 0); l++) offset = text.indexOf('\n', offset) + 1;
  offset = Math.min(offset + (err.col ?? 0), text.length);
  return { message: first.replace(/ at row \d+, col \d+, pos \d+:?$/, ''), offset };
}
