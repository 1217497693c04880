import { isPySpace } from './python-space.js';

/**
 * The SPECIFIER token of packaging 26's tokenizer, hand-compiled: `match(source, pos)` returns
 * where the longest first-choice match ends, exactly as Python's backtracking `re.match` of
 * `Specifier._specifier_regex_str` (VERBOSE | IGNORECASE) does, or -1. Hand-written because a
 * sticky RegExp per token costs more than the whole rest of a line's parse.
 */
const PRE_LABELS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_LABELS = ['post', 'rev', 'r'];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSep(c: number): boolean {
  return c === 45 || c === 95 || c === 46; // - _ .
}
function digits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Case-insensitive label at i from `labels` (first alternative wins, as regex alternation). */
function label(s: string, i: number, labels: string[]): number {
  const first = s.charCodeAt(i) | 0x20;
  // Every label starts with a, b, c, d, p or r: most versions end here without a compare.
  if (first !== 97 && first !== 98 && first !== 99 && first !== 100 && first !== 112 && first !== 114)
    return -1;
  next: for (const l of labels) {
    if (s.length - i < l.length) continue;
    for (let k = 0; k < l.length; k++) if ((s.charCodeAt(i + k) | 0x20) !== l.charCodeAt(k)) continue next;
    return i + l.length;
  }
  return -1;
}

/** `[-_\.]?(labels)[-_\.]?[0-9]*`, optional: returns i unchanged when absent. */
function labelled(s: string, i: number, labels: string[]): number {
  let j = i < s.length && isSep(s.charCodeAt(i)) ? i + 1 : i;
  let k = label(s, j, labels);
  if (k < 0 && j !== i) {
    j = i;
    k = label(s, j, labels);
  }
  if (k < 0) return i;
  if (k < s.length && isSep(s.charCodeAt(k))) k++;
  return digits(s, k);
}

function post(s: string, i: number): number {
  if (s.charCodeAt(i) === 45 && isDigit(s.charCodeAt(i + 1))) return digits(s, i + 1);
  return labelled(s, i, POST_LABELS);
}

function dev(s: string, i: number): number {
  return labelled(s, i, ['dev']);
}

function local(s: string, i: number): number {
  // `\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*` under IGNORECASE.
  const alnum = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (s.charCodeAt(i) !== 43 || !alnum(s.charCodeAt(i + 1))) return i;
  let j = i + 1;
  while (j < s.length && alnum(s.charCodeAt(j))) j++;
  while (isSep(s.charCodeAt(j)) && alnum(s.charCodeAt(j + 1))) {
    j++;
    while (j < s.length && alnum(s.charCodeAt(j))) j++;
  }
  return j;
}

/** `v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*` (or `+` for ~=): end of the release, or -1. */
function release(s: string, i: number, minParts: number): number {
  const c = s.charCodeAt(i);
  if (c === 118 || c === 86) i++; // v / V
  const e = digits(s, i);
  if (e > i && s.charCodeAt(e) === 33) i = e + 1; // epoch "N!"
  let j = digits(s, i);
  if (j === i) return -1;
  let parts = 1;
  while (s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
    j = digits(s, j + 1);
    parts++;
  }
  return parts >= minParts ? j : -1;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

export interface SpecifierMatch {
  end: number;
  op: string;
}

export function matchSpecifier(s: string, pos: number): SpecifierMatch | undefined {
  const c0 = s.charCodeAt(pos);
  const c1 = s.charCodeAt(pos + 1);
  if (c0 === 61 && c1 === 61 && s.charCodeAt(pos + 2) === 61) {
    let i = skipSpace(s, pos + 3);
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 59 || c === 41 || isPySpace(c)) break;
      i++;
    }
    return { end: i, op: '===' };
  }
  if ((c0 === 61 || c0 === 33) && c1 === 61) {
    const r = release(s, skipSpace(s, pos + 2), 1);
    if (r >= 0) {
      if (s.charCodeAt(r) === 46 && s.charCodeAt(r + 1) === 42)
        return { end: r + 2, op: c0 === 61 ? '==' : '!=' };
      return { end: local(s, dev(s, post(s, labelled(s, r, PRE_LABELS)))), op: c0 === 61 ? '==' : '!=' };
    }
  }
  if (c0 === 126 && c1 === 61) {
    const r = release(s, skipSpace(s, pos + 2), 2);
    if (r >= 0) return { end: dev(s, post(s, labelled(s, r, PRE_LABELS))), op: '~=' };
  }
  if (c0 === 60 || c0 === 62) {
    const two = c1 === 61;
    const r = release(s, skipSpace(s, pos + (two ? 2 : 1)), 1);
    // `(?:<=|>=|<|>)` tries the two-character form first; if its release fails, `<` alone
    // would leave "=" before the version, which cannot match either.
    if (r >= 0)
      return {
        end: dev(s, post(s, labelled(s, r, PRE_LABELS))),
        op: (c0 === 60 ? '<' : '>') + (two ? '=' : ''),
      };
  }
  return undefined;
}
