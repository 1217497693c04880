import { PYTHON_SIMPLE_ESCAPES } from '../python-escapes.js';

/**
 * Token matchers of packaging 26's requirement tokenizer (`_tokenizer.DEFAULT_RULES`), written
 * over char codes. Each returns the end offset of the token at `i`, or -1.
 */

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const UNICODE_WORD = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;

/** Python's `\w` for str patterns. */
export function isWordChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c) || c === 95;
  return UNICODE_WORD.test(String.fromCodePoint(s.codePointAt(i) as number));
}

/** Python's `\b` at offset i. */
export function wordBoundary(s: string, i: number): boolean {
  return isWordChar(s, i - 1) !== isWordChar(s, i);
}

/** `[ \t]+`; returns i when there is none. */
export function skipWs(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return i;
    i++;
  }
}

/** `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, backtracking to the last boundary. */
export function matchIdentifier(s: string, i: number): number {
  if (!isAsciiAlnum(s.charCodeAt(i)) || !wordBoundary(s, i)) return -1;
  let e = i + 1;
  for (;;) {
    const c = s.charCodeAt(e);
    if (isAsciiAlnum(c) || c === 46 || c === 45 || c === 95) e++;
    else break;
  }
  const next = s.charCodeAt(e);
  // Fast path: ends on a letter/digit and is followed by something that is not a word char.
  if (
    isAsciiAlnum(s.charCodeAt(e - 1)) &&
    (e >= s.length || (next < 128 && !isAsciiAlnum(next) && next !== 95))
  )
    return e;
  for (; e > i; e--) if (wordBoundary(s, e)) return e;
  return -1;
}

/** A whole word at i bounded by `\b` on both sides. */
export function matchWord(s: string, i: number, word: string): number {
  if (!s.startsWith(word, i) || !wordBoundary(s, i) || !wordBoundary(s, i + word.length)) return -1;
  return i + word.length;
}

// The VARIABLE rule's alternatives, in the regex's order (`extras?` tries `extras` first).
const VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extras',
  'extra',
  'dependency_groups',
];

export function matchVariable(s: string, i: number): number {
  if (!wordBoundary(s, i)) return -1;
  for (const v of VARIABLES) {
    if (s.startsWith(v, i) && wordBoundary(s, i + v.length)) return i + v.length;
  }
  return -1;
}

/** `(===|==|~=|!=|<=|>=|<|>)` */
export function matchOp(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  if (c === 61 && d === 61) return s.charCodeAt(i + 2) === 61 ? i + 3 : i + 2;
  if ((c === 126 || c === 33) && d === 61) return i + 2;
  if (c === 60 || c === 62) return d === 61 ? i + 2 : i + 1;
  return -1;
}

/** `'[^']*'|"[^"]*"` */
export function matchQuoted(s: string, i: number): number {
  const q = s.charCodeAt(i);
  if (q !== 39 && q !== 34) return -1;
  const e = s.indexOf(q === 39 ? "'" : '"', i + 1);
  return e < 0 ? -1 : e + 1;
}

/** `\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*` (case-sensitive), used only to reject a local label. */
export function matchLocalTrail(s: string, i: number): boolean {
  const c = s.charCodeAt(i + 1);
  return s.charCodeAt(i) === 43 && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
}

// A backslash before a line end continues the string: the two characters stand for nothing.
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\n': '', ...PYTHON_SIMPLE_ESCAPES };

/** `ast.literal_eval` of a quoted marker string: Python escapes; undefined when Python fails. */
export function pythonStringValue(quoted: string): string | undefined {
  const body = quoted.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) out += simple;
    else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < i + 3 && (body[j] as string) >= '0' && (body[j] as string) <= '7') j++;
      out += String.fromCodePoint(Number.parseInt(body.slice(i, j), 8));
      i = j - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += len;
    } else if (n === 'N') return undefined;
    else out += `\\${n}`;
  }
  return out;
}
