import { withoutTrailingSlashes } from '../trailing-slashes.js';
/**
 * One policy path pattern read the way git reads a line of a .gitignore file (gitignore(5)):
 * trailing unescaped spaces dropped, `!` negates, `\!` and `\#` are literal, a trailing `/`
 * restricts the pattern to directories, and a `/` at the start or in the middle anchors it
 * at the repository root (without one it matches at any depth).
 */
export interface ParsedPattern {
  /** The glob left once the gitignore markers are removed, without a leading `/`. */
  glob: string;
  negated: boolean;
  dirOnly: boolean;
  anchored: boolean;
  /** A `#` line is a comment in gitignore: it matches nothing. */
  comment: boolean;
}

/**
 * gitignore drops trailing spaces unless the last one is escaped with a backslash.
 * @internal
 */
export function trimTrailingSpaces(s: string): string {
  let lastSpace = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= s.length) return s;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? s : s.slice(0, lastSpace);
}

/**
 * The anchored pattern that matches exactly `path` (and, for a folder, what is under it): every
 * character a pattern reads as a wildcard or a marker escaped. For paths the policy names as
 * files (the baseline) or Slipway finds (a local action's folder), not for patterns people write.
 */
export function literalPattern(path: string): string {
  return `/${path.replace(/[\\*?[\]!#]/g, '\\$&')}`;
}

export function parsePattern(raw: string): ParsedPattern {
  let p = trimTrailingSpaces(raw);
  const comment = p.startsWith('#');
  const negated = p.startsWith('!');
  if (negated) p = p.slice(1);
  const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
  if (dirOnly) p = withoutTrailingSlashes(p);
  const slash = p.indexOf('/');
  const anchored = slash >= 0;
  if (slash === 0) p = p.replace(/^\/+/, '');
  return { glob: p, negated, dirOnly, anchored, comment };
}
