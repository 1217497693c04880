import type { SyntaxNode } from '@lezer/common';
import { formatStringValue } from './format-string.js';
import { type Loops, type LoopScope, loopElement, loopWhy } from './loop-bindings.js';
import { callArgs, calleePath, staticString } from './python-syntax.js';
import { joinPath, literalPath, parentOf, type PathValue } from './sql-load-target.js';

// The value of a path expression in a revision, as sql-load.ts follows a file read to its file:
// a literal, `__file__`, `os.path.dirname/join/abspath/realpath/normpath`, `pathlib`
// (`Path(...)`, `.parent`, `/`, `.joinpath`, `.resolve()`), `importlib.resources.files(pkg)`,
// f-strings whose every part is known, names bound once to one of those (name-binding.ts), and
// the variable of a loop over literal strings, one element at a time (loop-bindings.ts).
// Anything else is `unresolved`, with why.

/**
 * The revision file itself, until its name is known (loaded-sql.ts). `MODULE_FILE + SUFFIX + ".sql"`
 * is its name with that suffix in place of `.py` (`Path(__file__).with_suffix(".sql")`).
 */
export const MODULE_FILE = '\u0000file';
export const SUFFIX = '\u0001';

/** How far names and helpers are followed: a chain longer than this is not written by hand. */
export const MAX_DEPTH = 16;

/** What a read is read with: the body's names and the module's functions. */
export interface LoadScope extends LoopScope {
  functions: ReadonlyMap<string, SyntaxNode>;
}

const PATH_CLASSES = new Set(['Path', 'PurePath', 'PosixPath', 'pathlib.Path', 'pathlib.PurePath']);
/** os.path functions that keep the path they are given (for a file inside the repository). */
const SAME_PATH = new Set(['abspath', 'realpath', 'normpath', 'expanduser']);
const PATH_METHODS_SAME = new Set(['resolve', 'absolute', 'expanduser']);

/** `os.path.join` / `path.join` / `posixpath.join` / `join` (imported from os.path) → `join`. */
function osPathFunction(path: string[] | undefined): string | undefined {
  if (!path) return undefined;
  const last = path[path.length - 1] as string;
  const head = path.slice(0, -1).join('.');
  return head === '' || head === 'os.path' || head === 'path' || head === 'posixpath' ? last : undefined;
}

export interface Env {
  scope: LoadScope;
  depth: number;
  /** The loops around the read, in the read's own function (a helper's body sees none). */
  loops?: Loops;
}

export const src = (env: Env) => env.scope.src;
export const text = (node: SyntaxNode, env: Env) => src(env).slice(node.from, node.to);

/**
 * The value a name is bound to once (in the body, else at module level), or the element a loop
 * variable stands for this time; undefined when it stands for no one value.
 */
export function bound(node: SyntaxNode, env: Env): SyntaxNode | undefined {
  if (node.name !== 'VariableName') return undefined;
  const name = text(node, env);
  const element = loopElement(name, env.loops);
  if (element !== null) return element;
  if (loopWhy(name, env.loops) !== undefined) return undefined;
  const local = env.scope.names.get(name);
  if (local !== undefined) return local ?? undefined;
  return env.scope.moduleNames.get(name) ?? undefined;
}

/** Unwraps `( ... )` around an expression. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = n.firstChild?.nextSibling;
    if (!inner || inner.name === ')') return n;
    n = inner;
  }
  return n;
}

export type PathResult = PathValue | { unresolved: string };
export const isPath = (r: PathResult): r is PathValue => !('unresolved' in r);

/** A path expression's value. */
export function pathOf(raw: SyntaxNode, env: Env): PathResult {
  if (env.depth > MAX_DEPTH) return { unresolved: 'its path is built through too many names' };
  const node = unparen(raw);
  const literal = staticString(node, src(env));
  if (literal) return literalPath(literal.value);
  if (node.name === 'VariableName') {
    const name = text(node, env);
    if (name === '__file__') return { from: 'module', parts: [MODULE_FILE] };
    const value = bound(node, env);
    if (!value)
      return {
        unresolved: `its path is ${loopWhy(name, env.loops) ?? `the variable \`${name}\`, not bound once to a path`}`,
      };
    return pathOf(value, { ...env, depth: env.depth + 1 });
  }
  if (node.name === 'BinaryExpression') {
    const op = node.firstChild?.nextSibling;
    const left = node.firstChild;
    const right = node.lastChild;
    if (op && left && right && text(op, env) === '/') {
      const base = pathOf(left, env);
      if (!isPath(base)) return base;
      const piece = staticString(unparen(right), src(env))?.value;
      if (piece !== undefined) return joinPath(base, piece);
      const more = pathOf(right, env);
      if (!isPath(more)) return more;
      return more.from === 'cwd' ? { ...base, parts: [...base.parts, ...more.parts] } : more;
    }
    if (op && left && right && text(op, env) === '+') return concatenated(node, left, right, env);
    return { unresolved: 'its path is built with an operator Slipway does not follow' };
  }
  if (node.name === 'MemberExpression') {
    const prop = node.lastChild;
    const obj = node.firstChild;
    const property = prop?.name === 'PropertyName' ? text(prop, env) : '';
    if (obj && property === 'parent') {
      const base = pathOf(obj, env);
      return isPath(base) ? parentOf(base) : base;
    }
    // `.name` / `.stem`: the last segment, as a piece of a later path.
    if (obj && (property === 'name' || property === 'stem')) {
      const base = pathOf(obj, env);
      if (!isPath(base)) return base;
      const last = base.parts[base.parts.length - 1];
      if (last === undefined || last === '..')
        return { unresolved: `its path takes \`.${property}\` of a folder` };
      return { from: 'cwd', parts: [property === 'stem' ? withSuffix(last, '') : last] };
    }
    return { unresolved: `its path is \`${text(node, env).slice(0, 40)}\`` };
  }
  if (node.name === 'CallExpression') return pathCall(node, env);
  if (node.name === 'FormatString' || node.name === 'ContinuedString') {
    const value = strValue(node, env);
    return value === undefined
      ? { unresolved: `its path is an f-string ${unknownPart(node, env)}` }
      : literalPath(value);
  }
  return { unresolved: 'its path is not a literal or a path built from `__file__`' };
}

function pathCall(node: SyntaxNode, env: Env): PathResult {
  const callee = calleePath(node, src(env));
  const args = callArgs(node, src(env));
  const dotted = callee?.join('.') ?? '';
  const fn = osPathFunction(callee);
  if (args.hasStar) return { unresolved: 'its path is built from `*args`' };
  if (PATH_CLASSES.has(dotted) || fn === 'join') {
    if (args.positional.length === 0) return { from: 'cwd', parts: [] };
    let value: PathValue | undefined;
    for (const a of args.positional) {
      const piece = pathOf(a, env);
      if (!isPath(piece)) return piece;
      value =
        value === undefined || piece.from !== 'cwd'
          ? piece
          : { ...value, parts: [...value.parts, ...piece.parts] };
    }
    return value as PathValue;
  }
  if (fn === 'dirname' && args.positional[0]) {
    const base = pathOf(args.positional[0], env);
    return isPath(base) ? parentOf(base) : base;
  }
  if (fn !== undefined && SAME_PATH.has(fn) && args.positional[0]) return pathOf(args.positional[0], env);
  // `Path(...).resolve()`, `.joinpath("a", "b")`, `resources.files(pkg)`.
  const calleeNode = node.firstChild;
  if (calleeNode?.name === 'MemberExpression') {
    const method = calleeNode.lastChild ? text(calleeNode.lastChild, env) : '';
    const obj = calleeNode.firstChild;
    if (obj && PATH_METHODS_SAME.has(method)) return pathOf(obj, env);
    if (obj && method === 'with_suffix') {
      const base = pathOf(obj, env);
      const suffix = args.positional[0] ? strValue(args.positional[0], env) : undefined;
      if (!isPath(base)) return base;
      const last = base.parts[base.parts.length - 1];
      if (suffix === undefined || last === undefined || last === '..')
        return { unresolved: 'its `.with_suffix()` is not of a file with a literal suffix' };
      return { ...base, parts: [...base.parts.slice(0, -1), withSuffix(last, suffix)] };
    }
    if (obj && method === 'joinpath') {
      const base = pathOf(obj, env);
      if (!isPath(base)) return base;
      let value = base;
      for (const a of args.positional) {
        const piece = strValue(a, env);
        if (piece === undefined) return { unresolved: 'its `.joinpath()` argument is not a known string' };
        value = joinPath(value, piece);
      }
      return value;
    }
  }
  if (
    callee &&
    callee[callee.length - 1] === 'files' &&
    /(^|\.)(resources|importlib_resources)$|^$/.test(callee.slice(0, -1).join('.'))
  ) {
    const pkg = args.positional[0] ?? args.keywords.get('anchor') ?? args.keywords.get('package');
    return pkg ? packageOf(pkg, env) : { unresolved: '`files()` names no package' };
  }
  return { unresolved: `its path is the result of \`${dotted || 'a call'}(...)\`` };
}

/** A package named by a known string (`"app.sql"`, a name bound to one) or `__package__` (the revision's own). */
export function packageOf(node: SyntaxNode, env: Env): PathResult {
  const n = unparen(node);
  if (n.name === 'VariableName' && text(n, env) === '__package__')
    return { from: 'package', pkg: '', parts: [] };
  const name = strValue(n, env);
  if (name !== undefined && /^[A-Za-z_][\w.]*$/.test(name)) return { from: 'package', pkg: name, parts: [] };
  return { unresolved: 'its package is not a known string' };
}

/** A path segment with its extension replaced (`''`: removed); the revision's own name marked. */
function withSuffix(segment: string, suffix: string): string {
  if (segment.startsWith(MODULE_FILE)) return `${MODULE_FILE}${SUFFIX}${suffix}`;
  const dot = segment.lastIndexOf('.');
  return `${dot > 0 ? segment.slice(0, dot) : segment}${suffix}`;
}

/**
 * A string known without running the revision: a literal, `+` of such, an f-string of such, a
 * name bound to one.
 */
export function strValue(raw: SyntaxNode, env: Env): string | undefined {
  if (env.depth > MAX_DEPTH) return undefined;
  const node = unparen(raw);
  const literal = staticString(node, src(env));
  if (literal) return literal.value;
  const deeper: Env = { ...env, depth: env.depth + 1 };
  if (node.name === 'FormatString')
    return formatStringValue(node, src(env), (part) => strValue(part, deeper));
  if (node.name === 'ContinuedString') {
    let out = '';
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Comment') continue;
      const piece = strValue(c, deeper);
      if (piece === undefined) return undefined;
      out += piece;
    }
    return out;
  }
  if (node.name === 'VariableName') {
    const value = bound(node, env);
    return value ? strValue(value, deeper) : undefined;
  }
  if (node.name === 'BinaryExpression') {
    const op = node.firstChild?.nextSibling;
    const left = node.firstChild;
    const right = node.lastChild;
    if (!op || !left || !right || text(op, env) !== '+') return undefined;
    const a = strValue(left, env);
    const b = a === undefined ? undefined : strValue(right, env);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  return undefined;
}

/**
 * `a + b` in a path: strings joined (`name + ".sql"`), or a path with a string after it
 * (`os.path.dirname(__file__) + "/sql/a.sql"`, `base + ".sql"` extending its last segment).
 */
function concatenated(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode, env: Env): PathResult {
  const whole = strValue(node, env);
  if (whole !== undefined) return literalPath(whole);
  const tail = strValue(right, env);
  if (tail === undefined)
    return { unresolved: 'its path is joined with `+` from parts that are not literals' };
  const base = pathOf(left, env);
  if (!isPath(base)) return base;
  if (tail.startsWith('/')) return joinPath(base, tail.slice(1));
  const last = base.parts[base.parts.length - 1];
  if (last === undefined || last === '..' || last.startsWith(MODULE_FILE) || tail.includes('/'))
    return { unresolved: 'its path is joined with `+` in a way Slipway does not follow' };
  return { ...base, parts: [...base.parts.slice(0, -1), last + tail] };
}

/** Why an f-string's value is not known: its first part that is not. */
function unknownPart(node: SyntaxNode, env: Env): string {
  const replacements = node.name === 'FormatString' ? [node] : node.getChildren('FormatString');
  for (const f of replacements)
    for (const r of f.getChildren('FormatReplacement')) {
      const expr = r.firstChild?.nextSibling;
      const written = text(r, env);
      if (!expr || expr.nextSibling?.to !== r.to) return `whose part \`${written}\` is formatted`;
      if (strValue(expr, env) !== undefined) continue;
      const loop = expr.name === 'VariableName' ? loopWhy(text(expr, env), env.loops) : undefined;
      return `whose part \`${written}\` is ${loop ?? 'not a literal or a name bound once to a string'}`;
    }
  return 'Slipway does not follow';
}
