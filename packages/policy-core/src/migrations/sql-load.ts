import type { SyntaxNode } from '@lezer/common';
import { bindAssignment, forgetBoundNames, helperNames, type NameScope } from './name-binding.js';
import { callArgs, calleePath, staticString } from './python-syntax.js';
import {
  joinPath,
  literalPath,
  parentOf,
  type PathValue,
  type SqlLoadTarget,
  targetOf,
} from './sql-load-target.js';

// Which file an `op.execute(...)` argument reads, when it reads one: `open(path).read()`,
// `Path(...).read_text()`, `importlib.resources` and `pkgutil.get_data` reads, a name bound
// once to one of those, `f.read()` in `with open(path) as f:`, and a module-level helper that
// returns one (`def load_sql(name): ... return f.read()`), its parameters bound at the call.
// Paths are followed through `__file__`, `os.path.dirname/join/abspath/realpath/normpath`,
// `pathlib` (`Path(...)`, `.parent`, `/`, `.joinpath`, `.resolve()`) and names bound once to a
// string or such a call (name-binding.ts). Anything else in a path (an f-string, a loop
// variable, `os.environ`) makes the read `unresolved`: MIG030 at the call, and the .sql files
// stay unclaimed (MIG121), so a read Slipway cannot follow hides nothing.

/** The revision file itself, until its name is known (loaded-sql.ts). */
export const MODULE_FILE = '\u0000file';

/** How far names and helpers are followed: a chain longer than this is not written by hand. */
const MAX_DEPTH = 16;

/** What a read is read with: the body's names and the module's functions. */
export interface LoadScope extends NameScope {
  functions: ReadonlyMap<string, SyntaxNode>;
}

const OPENERS = new Set(['open', 'io.open', 'codecs.open']);
const PATH_CLASSES = new Set(['Path', 'PurePath', 'PosixPath', 'pathlib.Path', 'pathlib.PurePath']);
/** os.path functions that keep the path they are given (for a file inside the repository). */
const SAME_PATH = new Set(['abspath', 'realpath', 'normpath', 'expanduser']);
const PATH_METHODS_SAME = new Set(['resolve', 'absolute', 'expanduser']);
const RESOURCE_READS = new Set(['read_text', 'open_text']);

/** `os.path.join` / `path.join` / `posixpath.join` / `join` (imported from os.path) → `join`. */
function osPathFunction(path: string[] | undefined): string | undefined {
  if (!path) return undefined;
  const last = path[path.length - 1] as string;
  const head = path.slice(0, -1).join('.');
  return head === '' || head === 'os.path' || head === 'path' || head === 'posixpath' ? last : undefined;
}

interface Env {
  scope: LoadScope;
  depth: number;
}

const src = (env: Env) => env.scope.src;
const text = (node: SyntaxNode, env: Env) => src(env).slice(node.from, node.to);

/** The value a name is bound to once (in the body, else at module level), or undefined. */
function bound(node: SyntaxNode, env: Env): SyntaxNode | undefined {
  if (node.name !== 'VariableName') return undefined;
  const name = text(node, env);
  const local = env.scope.names.get(name);
  if (local !== undefined) return local ?? undefined;
  return env.scope.moduleNames.get(name) ?? undefined;
}

/** Unwraps `( ... )` around an expression. */
function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = n.firstChild?.nextSibling;
    if (!inner || inner.name === ')') return n;
    n = inner;
  }
  return n;
}

type PathResult = PathValue | { unresolved: string };
const isPath = (r: PathResult): r is PathValue => !('unresolved' in r);

/** A path expression's value. */
function pathOf(raw: SyntaxNode, env: Env): PathResult {
  if (env.depth > MAX_DEPTH) return { unresolved: 'its path is built through too many names' };
  const node = unparen(raw);
  const literal = staticString(node, src(env));
  if (literal) return literalPath(literal.value);
  if (node.name === 'VariableName') {
    const name = text(node, env);
    if (name === '__file__') return { from: 'module', parts: [MODULE_FILE] };
    const value = bound(node, env);
    if (!value) return { unresolved: `its path is the variable \`${name}\`, not bound once to a path` };
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
    return { unresolved: 'its path is built with an operator Slipway does not follow' };
  }
  if (node.name === 'MemberExpression') {
    const prop = node.lastChild;
    const obj = node.firstChild;
    if (obj && prop?.name === 'PropertyName' && text(prop, env) === 'parent') {
      const base = pathOf(obj, env);
      return isPath(base) ? parentOf(base) : base;
    }
    return { unresolved: `its path is \`${text(node, env).slice(0, 40)}\`` };
  }
  if (node.name === 'CallExpression') return pathCall(node, env);
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
    if (obj && method === 'joinpath') {
      const base = pathOf(obj, env);
      if (!isPath(base)) return base;
      let value = base;
      for (const a of args.positional) {
        const piece = staticString(unparen(a), src(env))?.value;
        if (piece === undefined) return { unresolved: 'its `.joinpath()` argument is not a literal' };
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

/** A package named by a literal, `__package__` or `__name__`'s package. */
function packageOf(node: SyntaxNode, env: Env): PathResult {
  const n = unparen(node);
  if (n.name === 'VariableName' && text(n, env) === '__package__')
    return { from: 'package', pkg: '', parts: [] };
  const literal = staticString(n, src(env))?.value;
  if (literal !== undefined && /^[A-Za-z_][\w.]*$/.test(literal))
    return { from: 'package', pkg: literal, parts: [] };
  const value = n.name === 'VariableName' ? bound(n, env) : undefined;
  if (value && env.depth < MAX_DEPTH) return packageOf(value, { ...env, depth: env.depth + 1 });
  return { unresolved: 'its package is not a literal' };
}

/**
 * The file `node` reads, when `node` is a read of a file (else undefined: not a load at all).
 * `resolveFile` is true for expressions that stand for an open file (`f` in `with open(p) as f`).
 */
function readOf(raw: SyntaxNode, env: Env): PathResult | undefined {
  if (env.depth > MAX_DEPTH) return undefined;
  const node = unparen(raw);
  if (node.name === 'VariableName') {
    const value = bound(node, env);
    return value ? readOf(value, { ...env, depth: env.depth + 1 }) : undefined;
  }
  if (node.name !== 'CallExpression') return undefined;
  const callee = node.firstChild;
  const args = callArgs(node, src(env));
  if (callee?.name === 'MemberExpression') {
    const method = callee.lastChild ? text(callee.lastChild, env) : '';
    const obj = callee.firstChild;
    if (!obj) return undefined;
    // `.decode()` of bytes read: the same file.
    if (method === 'decode') return readOf(obj, env);
    if (method === 'read') {
      const file = openedFile(obj, env);
      return file;
    }
    if (method === 'read_text' || method === 'read_bytes') {
      const dotted = calleePath(node, src(env))?.slice(0, -1).join('.') ?? '';
      // `importlib.resources.read_text(pkg, name)`: the module function, not a path's method.
      if (method === 'read_text' && /(^|\.)(resources|importlib_resources)$/.test(dotted))
        return resourceRead(args.positional, env);
      return pathOf(obj, env);
    }
    if (method === 'get_data' && calleePath(node, src(env))?.join('.') === 'pkgutil.get_data')
      return resourceRead(args.positional, env);
    return undefined;
  }
  if (callee?.name === 'VariableName') {
    const name = text(callee, env);
    if (RESOURCE_READS.has(name)) return resourceRead(args.positional, env);
    const fn = env.scope.functions.get(name);
    if (fn) return helperRead(fn, node, env);
  }
  return undefined;
}

/** `pkg, "a.sql"` of a resources read (`read_text`, `pkgutil.get_data`). */
function resourceRead(args: SyntaxNode[], env: Env): PathResult {
  const [pkgNode, nameNode] = args;
  if (!pkgNode || !nameNode) return { unresolved: 'it reads a package resource without naming it' };
  const pkg = packageOf(pkgNode, env);
  if (!isPath(pkg)) return pkg;
  const name =
    staticString(unparen(nameNode), src(env))?.value ??
    (() => {
      const v = bound(unparen(nameNode), env);
      return v ? staticString(v, src(env))?.value : undefined;
    })();
  return name === undefined ? { unresolved: 'the resource name is not a literal' } : joinPath(pkg, name);
}

/** The path of an open file: `open(p)`, `Path(p).open()`, or a name bound to one. */
function openedFile(raw: SyntaxNode, env: Env): PathResult | undefined {
  const node = unparen(raw);
  if (node.name === 'VariableName') {
    const value = bound(node, env);
    return value && env.depth < MAX_DEPTH ? openedFile(value, { ...env, depth: env.depth + 1 }) : undefined;
  }
  if (node.name !== 'CallExpression') return undefined;
  const dotted = calleePath(node, src(env))?.join('.') ?? '';
  const args = callArgs(node, src(env));
  const first = args.positional[0] ?? args.keywords.get('file') ?? args.keywords.get('filename');
  if (OPENERS.has(dotted)) return first ? pathOf(first, env) : { unresolved: '`open()` names no file' };
  const callee = node.firstChild;
  if (
    callee?.name === 'MemberExpression' &&
    callee.lastChild &&
    text(callee.lastChild, env) === 'open' &&
    callee.firstChild
  )
    return pathOf(callee.firstChild, env);
  return undefined;
}

/** True for `open(...)` and `Path(...).open()`: what `with ... as f` binds a file to. */
export function opensFile(node: SyntaxNode, scope: LoadScope): boolean {
  const r = openedFile(node, { scope, depth: 0 });
  return r !== undefined;
}

/**
 * A module-level helper that returns a file's text: its one `return` read with its parameters
 * bound by this call and its own names bound in its body. Undefined when it returns no read.
 */
function helperRead(fn: SyntaxNode, call: SyntaxNode, env: Env): PathResult | undefined {
  const body = fn.getChild('Body');
  if (!body || env.depth > MAX_DEPTH) return undefined;
  const names = helperNames(fn, call, env.scope);
  const returns: SyntaxNode[] = [];
  bodyBindings(body, env.scope, names, returns);
  const inner: Env = { scope: { ...env.scope, names }, depth: env.depth + 1 };
  let found: PathResult | undefined;
  for (const r of returns) {
    const value = r.lastChild && r.lastChild.name !== 'return' ? r.lastChild : undefined;
    const read = value ? readOf(value, inner) : undefined;
    if (read === undefined) continue;
    if (found !== undefined)
      return {
        unresolved: `\`${text(fn.getChild('VariableName') ?? fn, env)}()\` reads files in more than one place`,
      };
    found = read;
  }
  return found;
}

/**
 * A helper body's names as its statements bind them (name-binding.ts), `with open(p) as f`
 * binding `f` to the open call, and its `return` statements. An explicit stack: a body nested
 * as deep as the file is long costs no recursion.
 */
function bodyBindings(
  body: SyntaxNode,
  scope: LoadScope,
  names: Map<string, SyntaxNode | null>,
  returns: SyntaxNode[],
): void {
  const stack: SyntaxNode[] = [body];
  const order: SyntaxNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (
      node.name === 'FunctionDefinition' ||
      node.name === 'ClassDefinition' ||
      node.name === 'LambdaExpression'
    )
      continue;
    order.push(node);
    const kids: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as SyntaxNode);
  }
  // `order` is the body in source order (a pre-order walk): bind as Python reads it.
  for (const node of order) {
    if (node.name === 'AssignStatement') bindAssignment(node, scope.src, names);
    else if (node.name === 'ReturnStatement') returns.push(node);
    else if (node.name === 'as') {
      const target = node.nextSibling;
      const item = node.prevSibling;
      if (target?.name === 'VariableName' && item && opensFile(item, { ...scope, names })) {
        const name = scope.src.slice(target.from, target.to);
        names.set(name, names.has(name) ? null : item);
      } else forgetBoundNames(node, scope.src, names);
    } else if (
      node.name === 'ForStatement' ||
      node.name === 'UpdateStatement' ||
      node.name === 'ImportStatement'
    )
      forgetBoundNames(node, scope.src, names);
  }
}

/**
 * The file `arg` (an `op.execute` argument, or `text()`'s) reads, or undefined when it reads
 * no file. `written` is the argument as written, for messages.
 */
export function sqlLoadOf(arg: SyntaxNode, scope: LoadScope): SqlLoadTarget | undefined {
  const env: Env = { scope, depth: 0 };
  const read = readOf(arg, env);
  if (read === undefined) return undefined;
  const written = text(arg, env).replace(/\s+/g, ' ').slice(0, 80);
  if (!isPath(read)) return { kind: 'unresolved', reason: read.unresolved, written };
  return targetOf(read, written);
}
