import type { SyntaxNode, Tree } from '@lezer/common';

/**
 * Python 3.10's parenthesised context managers, `with (a() as x, b() as y,):`, are not in
 * @lezer/python's grammar (1.1.19 knows only `with a() as x, b() as y:`), so such a file parses
 * with an error inside the `with` header. Real Alembic migrations use the form (black and ruff
 * write it for Python 3.10+), and calling them unparsable (MIG130) would be a false finding.
 *
 * The way around it: rewrite only that header into the form lezer knows, keeping every offset.
 * The outer parentheses, a trailing comma and comments become spaces; each line break between
 * the items becomes a backslash continuation (the backslash takes the place of a space next to
 * the break). Strings are left as they are. The rewritten text is parsed again; callers keep
 * reading names and literals from the original text, which is identical at every node.
 */

/** Offset of the `)` closing the `(` at `open`, and what lies between them at the top level. */
interface HeaderScan {
  close: number;
  /** Top-level line breaks (offset of `\n`). */
  breaks: number[];
  /** Comments anywhere inside: [from, to) without the line break. */
  comments: [number, number][];
  /** The last top-level comma, if only whitespace and comments follow it before `close`. */
  trailingComma?: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\f';

/** Skips a string literal starting at its quote; returns the offset after it. */
function skipString(src: string, at: number): number {
  const q = src[at] as string;
  const triple = src.startsWith(q + q + q, at);
  let i = at + (triple ? 3 : 1);
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (triple ? src.startsWith(q + q + q, i) : c === q) return i + (triple ? 3 : 1);
    else if (!triple && c === '\n') return i;
    else i++;
  }
  return src.length;
}

function scanHeader(src: string, open: number): HeaderScan | undefined {
  const breaks: number[] = [];
  const comments: [number, number][] = [];
  let lastComma: number | undefined;
  let depth = 1;
  let i = open + 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      const end = nl === -1 ? src.length : nl;
      comments.push([i, src[end - 1] === '\r' ? end - 1 : end]);
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(src, i);
      lastComma = undefined;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0)
        return c === ')' ? { close: i, breaks, comments, trailingComma: lastComma } : undefined;
    } else if (depth === 1 && c === '\n') breaks.push(i);
    else if (depth === 1 && c === ',') {
      lastComma = i;
      i++;
      continue;
    }
    if (!isSpace(c) && c !== '\n' && c !== '\r') lastComma = undefined;
    i++;
  }
  return undefined;
}

/** Rewrites one parenthesised `with` header in `out`; false when it cannot be done safely. */
function rewriteHeader(src: string, open: number, out: string[]): boolean {
  const scan = scanHeader(src, open);
  if (!scan) return false;
  // Only a header: the closing parenthesis must be followed by the colon.
  let after = scan.close + 1;
  while (isSpace(src[after])) after++;
  if (src[after] !== ':') return false;
  out[open] = ' ';
  out[scan.close] = ' ';
  if (scan.trailingComma !== undefined) out[scan.trailingComma] = ' ';
  for (const [from, to] of scan.comments) for (let k = from; k < to; k++) out[k] = ' ';
  for (const nl of scan.breaks) {
    if (out[nl - 1] === '\r' || isSpace(out[nl - 1])) out[nl - 1] = '\\';
    else if (isSpace(out[nl + 1])) {
      out[nl] = '\\';
      out[nl + 1] = '\n';
    } else return false;
  }
  return true;
}

/**
 * `(` offsets of `with` statements whose header holds a syntax error and starts with `(`. The
 * innermost enclosing `with` is kept on a stack while the tree is walked, so an error nested
 * 50,000 parentheses deep costs one look, not a walk up its 50,000 ancestors.
 */
function brokenParenHeaders(tree: Tree, src: string): number[] {
  const opens = new Set<number>();
  const withs: SyntaxNode[] = [];
  tree.iterate({
    enter: (n) => {
      if (n.name === 'WithStatement') withs.push(n.node);
      if (!n.type.isError) return;
      const p = withs[withs.length - 1];
      if (!p) return;
      const kw = p.getChild('with');
      const body = p.getChild('Body');
      if (!kw || (body && n.from >= body.from)) return;
      let open = kw.to;
      while (isSpace(src[open])) open++;
      if (src[open] === '(') opens.add(open);
    },
    leave: (n) => {
      if (n.name === 'WithStatement') withs.pop();
    },
  });
  return [...opens];
}

/**
 * The text to parse instead of `src` (same length, same offsets) with its broken parenthesised
 * `with` headers rewritten, or undefined when there are none. Other errors stay errors.
 */
export function rewriteParenWith(tree: Tree, src: string): string | undefined {
  const opens = brokenParenHeaders(tree, src);
  if (opens.length === 0) return undefined;
  let out = src.split('');
  let changed = false;
  for (const open of opens) {
    // A header that cannot be rewritten leaves no half-rewritten text behind.
    const copy = out.slice();
    if (rewriteHeader(src, open, copy)) {
      out = copy;
      changed = true;
    }
  }
  return changed ? out.join('') : undefined;
}
