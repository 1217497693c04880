import type { SyntaxNode } from '@lezer/common';
import { bindAssignment, forgetBoundNames, helperNames } from './name-binding.js';
import { eachLoopRead, loopsAround } from './loop-bindings.js';
import { callArgs, calleePath } from './python-syntax.js';
import {
  bound,
  type Env,
  isPath,
  type LoadScope,
  MAX_DEPTH,
  type PathResult,
  packageOf,
  pathOf,
  text,
  unparen,
  src,
  strValue,
} from './sql-load-path.js';
import { joinPath, type SqlFileTarget, type SqlLoadTarget, targetOf } from './sql-load-target.js';

// Which file an `op.execute(...)` argument reads, when it reads one: `open(path).read()`,
// `Path(...).read_text()`, `importlib.resources` and `pkgutil.get_data` reads, a name bound
// once to one of those, `f.read()` in `with open(path) as f:`, and a module-level helper that
// returns one (`def load_sql(name): ... return f.read()`), its parameters bound at the call.
// Paths are followed through `__file__`, `os.path.dirname/join/abspath/realpath/normpath`,
// `pathlib` (`Path(...)`, `.parent`, `/`, `.joinpath`, `.resolve()`), `importlib.resources.files`,
// f-strings of known parts, names bound once to a string or such a call (name-binding.ts), and the
// variable of a loop over literal strings around the call: one file per element (loop-bindings.ts).
// Anything else in a path (an f-string of a run-time value, a loop over a glob or `os.listdir`,
// `os.environ`) makes the read `unresolved`: MIG030 at the call, and the .sql files stay
// unclaimed (MIG121), so a read Slipway cannot follow hides nothing. A file only named in the
// revision (a comment, a list no read uses) is not read by it, and stays MIG121's.

const OPENERS = new Set(['open', 'io.open', 'codecs.open']);
/** `from importlib.resources import read_text`: the module function under its own name. */
const RESOURCE_READS = new Set(['read_text', 'open_text']);

/** The file `node` reads, when `node` is a read of a file (else undefined: not a load at all). */
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
    // `sa.text(f.read())`: the same SQL.
    if (method === 'text' && args.positional[0]) return readOf(args.positional[0], env);
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
    if (name === 'text' && args.positional[0]) return readOf(args.positional[0], env);
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
  const name = strValue(nameNode, env);
  return name === undefined ? { unresolved: 'the resource name is not a known string' } : joinPath(pkg, name);
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
  const names = helperNames(fn, call, withLoopArgs(call, env));
  const returns: SyntaxNode[] = [];
  bodyBindings(body, env.scope, names, returns);
  // The helper's own scope: its names, no loop of the caller's (withLoopArgs passed those in).
  const inner: Env = { scope: { ...env.scope, names, paramLoops: undefined }, depth: env.depth + 1 };
  const name = text(fn.getChild('VariableName') ?? fn, env);
  let found: PathResult | undefined;
  let other = false;
  for (const r of returns) {
    const value = r.lastChild && r.lastChild.name !== 'return' ? r.lastChild : undefined;
    const read = value ? readOf(value, inner) : undefined;
    if (read === undefined) {
      other = true;
      continue;
    }
    if (found !== undefined) return { unresolved: `\`${name}()\` reads files in more than one place` };
    found = read;
  }
  // A helper that returns a file's text on one path and something else on another (a literal
  // for one name): what runs is not that file alone, so nothing is claimed.
  if (found !== undefined && other) return { unresolved: `\`${name}()\` returns more than a file's text` };
  return found;
}

/**
 * The caller's scope with each loop variable the call passes (`_sql(name)` in `for name in
 * [...]:`) bound to its element this time: the helper's parameter stands for that string.
 */
function withLoopArgs(call: SyntaxNode, env: Env): LoadScope {
  if (!env.loops) return env.scope;
  const args = callArgs(call, src(env));
  let names: Map<string, SyntaxNode | null> | undefined;
  for (const a of [...args.positional, ...args.keywords.values()]) {
    if (a.name !== 'VariableName' || !env.loops.vars.has(text(a, env))) continue;
    const element = bound(a, env);
    names ??= new Map(env.scope.names);
    names.set(text(a, env), element ?? null);
  }
  return names ? { ...env.scope, names } : env.scope;
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
 * The file `arg` (an `op.execute` argument, or `text()`'s, or what a name there is bound to)
 * reads, or undefined when it reads no file; the files, one per element, when its path uses the
 * variable of a loop around `at` (the argument as the call writes it: where the SQL runs).
 */
export function sqlLoadOf(
  arg: SyntaxNode,
  scope: LoadScope,
  at: SyntaxNode = arg,
): SqlLoadTarget | undefined {
  const written = scope.src.slice(arg.from, arg.to).replace(/\s+/g, ' ').slice(0, 80);
  const vars = loopsAround(at, scope);
  const reads =
    vars.size === 0
      ? [readOf(arg, { scope, depth: 0 })]
      : eachLoopRead(vars, (loops) => readOf(arg, { scope, depth: 0, loops }));
  if (reads === undefined)
    return { kind: 'unresolved', reason: 'the loops around it name too many files to follow', written };
  if (reads.every((r) => r === undefined)) return undefined;
  const targets: SqlFileTarget[] = [];
  for (const read of reads) {
    if (read === undefined)
      return {
        kind: 'unresolved',
        reason: 'it reads a file for some of its loop\u2019s elements only',
        written,
      };
    if (!isPath(read)) return { kind: 'unresolved', reason: read.unresolved, written };
    targets.push(targetOf(read, written));
  }
  return targets.length === 1 ? targets[0] : { kind: 'each', targets, written };
}
