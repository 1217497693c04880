/**
 * Bracket expressions (`[a-z]`, `[!0-9]`, `[[:alpha:]]`) as wildmatch, git's matcher, reads
 * them, compiled to JavaScript character classes.
 */

export const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function classChar(c: string): string {
  return /[A-Za-z0-9]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A `[...]` class starting at `s[start]` in wildmatch's dialect (`!` or `^` negates, a leading
 * `]` is literal, `[:alpha:]` names, `\` escapes). undefined when it never closes: the `[` is
 * then an ordinary character. A class never matches `/` (git's WM_PATHNAME).
 */
export function parseClass(s: string, start: number): { src: string; end: number } | undefined {
  let j = start + 1;
  let negate = false;
  if (s[j] === '!' || s[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  let matchesNothing = false;
  for (;;) {
    if (j >= s.length) return undefined;
    let c = s[j] as string;
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && s[j + 1] === ':') {
      const close = s.indexOf(':]', j + 2);
      if (close >= 0) {
        const cls = POSIX_CLASSES[s.slice(j + 2, close)];
        if (cls === undefined) matchesNothing = true;
        else body += cls;
        j = close + 2;
        continue;
      }
    }
    if (c === '\\') {
      j++;
      if (j >= s.length) return undefined;
      c = s[j] as string;
    }
    j++;
    if (s[j] === '-' && j + 1 < s.length && s[j + 1] !== ']') {
      let hi = s[j + 1] as string;
      j += 2;
      if (hi === '\\') {
        if (j >= s.length) return undefined;
        hi = s[j] as string;
        j++;
      }
      // wildmatch compares the first character on its own before it sees the `-`, so a reversed
      // range (`[z-a]`) still matches that one character; a JS class would throw instead.
      if (hi >= c) body += `${classChar(c)}-${classChar(hi)}`;
      else body += classChar(c);
    } else {
      body += classChar(c);
    }
  }
  const end = j + 1;
  if (matchesNothing) return { src: '(?!)', end };
  if (negate) return { src: `[^${body}\\/]`, end };
  if (body === '') return { src: '(?!)', end };
  const cls = `[${body}]`;
  return { src: new RegExp(`^${cls}$`).test('/') ? `(?!\\/)${cls}` : cls, end };
}
