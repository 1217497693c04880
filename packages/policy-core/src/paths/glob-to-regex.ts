import { GLOBSTAR, Minimatch, type MinimatchOptions } from 'minimatch';
import { escapeRegex, parseClass } from './glob-class.js';

// Re-exported: other families escape literal text with it.
export { escapeRegex } from './glob-class.js';

/**
 * Compiles a gitignore glob (already stripped of `!`, the trailing `/` and the leading `/`) to
 * the source of a regular expression that matches a whole candidate path. minimatch does the
 * parsing (segments, escapes, `**` detection); the regex is built here because minimatch 11
 * only offers a per-call matcher, and matching must not walk patterns again for every path.
 *
 * Backtracking is kept linear-ish on purpose: a glob with several `*` in one name, or several
 * `**`, would make a naive regex try every split of a long path (O(n^k)), and paths come from
 * the change under review. A `*` or `**` followed by more wildcards commits to the earliest
 * place its next piece fits (an atomic group, written as a lookahead plus a backreference);
 * for globs that is never wrong, as in the classic greedy wildcard algorithm.
 */

// gitignore has no braces, extglobs, comments or negation inside a glob; `dot: true` because
// git matches dotfiles like any other name.
const MM_OPTIONS: MinimatchOptions = {
  dot: true,
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
  platform: 'linux',
  optimizationLevel: 0,
};

/**
 * One character that is not `/`, astral characters counted as one. Deliberately not git's
 * reading: wildmatch's `?` matches one byte of UTF-8, so in git `caf?` misses `café`; a person
 * writing the policy means a character.
 */
const ONE_CHAR = '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^/])';

/** Unique capture-group names within one regex: each pattern gets its own prefix. */
export class GroupNames {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    return `${this.prefix}${this.n++}`;
  }
}

/** `(?>body)`, which JavaScript lacks: match body once, at its first fit, and never retry. */
function atomic(body: string, names: GroupNames): string {
  const g = names.next();
  return `(?=(?<${g}>${body}))\\k<${g}>`;
}

/** The regex source for one path segment's glob (`*`, `?`, classes, `\` escapes). */
export function segmentToRegex(seg: string, names: GroupNames): string {
  // The fixed-width pieces between the stars.
  const pieces: string[] = [''];
  const add = (re: string) => {
    pieces[pieces.length - 1] += re;
  };
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '\\') {
      i++;
      add(escapeRegex(i < seg.length ? (seg[i] as string) : '\\'));
    } else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      pieces.push('');
    } else if (c === '?') {
      add(ONE_CHAR);
    } else if (c === '[') {
      const cls = parseClass(seg, i);
      if (cls === undefined) add('\\[');
      else {
        add(cls.src);
        i = cls.end - 1;
      }
    } else {
      add(escapeRegex(c));
    }
  }
  if (pieces.length <= 2) return pieces.join('[^/]*');
  let out = pieces[0] as string;
  for (let j = 1; j < pieces.length - 1; j++) out += atomic(`[^/]*?${pieces[j]}`, names);
  return `${out}[^/]*${pieces.at(-1)}`;
}

function isGlobstar(seg: unknown): boolean {
  // git treats `***` between slashes as `**`; minimatch hands it over as an ordinary glob.
  return (
    seg === GLOBSTAR || (typeof seg === 'object' && /^\*{2,}$/.test((seg as { pattern: string }).pattern))
  );
}

function rowToRegex(row: readonly unknown[], names: GroupNames): string {
  // The runs of ordinary segments between the `**`s: chunks[0] before the first one.
  const chunks: string[][] = [[]];
  for (const seg of row) {
    if (isGlobstar(seg)) {
      if (chunks.length === 1 || (chunks.at(-1) as string[]).length > 0) chunks.push([]);
    } else if (typeof seg === 'string') {
      chunks.at(-1)?.push(escapeRegex(seg));
    } else {
      const src = segmentToRegex((seg as { pattern: string }).pattern, names);
      // A name is never empty: without this, `docs/*` would match the directory path `docs/`.
      chunks.at(-1)?.push(new RegExp(`^${src}$`).test('') ? `(?=[^/])${src}` : src);
    }
  }
  const head = chunks[0] as string[];
  let src = head.join('/');
  const last = chunks.length - 1;
  for (let i = 1; i <= last; i++) {
    const sep = i === 1 && head.length > 0 ? '/' : '';
    const body = (chunks[i] as string[]).join('/');
    if (body === '')
      src += `${sep}.+`; // a trailing `/**`: everything inside, not the dir itself
    else if (i < last) src += sep + atomic(`(?:[^/]*/)*?${body}/`, names);
    else src += `${sep}(?:.*/)?${body}`; // zero or more whole directories, then the rest
  }
  return src;
}

/**
 * Regex source matching exactly the candidate paths (no trailing `/`) the glob names.
 * `groupPrefix` keeps capture-group names unique when several globs share one regex.
 */
export function globToRegexSource(glob: string, groupPrefix = 'g'): string {
  const names = new GroupNames(groupPrefix);
  const rows = new Minimatch(glob, MM_OPTIONS).set.map((row) => rowToRegex(row, names));
  return rows.length === 1 ? (rows[0] as string) : `(?:${rows.join('|')})`;
}
