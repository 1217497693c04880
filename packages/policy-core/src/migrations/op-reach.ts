import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import { callArgs, staticString } from './python-syntax.js';

// What a name in a revision stands for when it reaches Alembic's `op` otherwise than by the
// literal `op.<method>(...)`: an alias of op (`from alembic import op as x`, `o = op`), a bound
// method (`drop = op.drop_table`, `getattr(op, "drop_table")`), a function (a nested def, a
// lambda, `upgrade = _retire`), or code Slipway does not read (a module imported from the
// application, importlib). op-calls.ts follows the first three; what it cannot follow it records
// as an Unfollowed construct, which MIG042 reports: a revision that reaches op in a way no rule
// read must not pass as checked.

/** What a name or expression stands for, as far as reaching `op` goes. */
export type OpRef =
  | { kind: 'op' }
  | { kind: 'method'; method: string }
  | { kind: 'fn'; fn: SyntaxNode; enclosing: readonly Frame[] }
  /** A module bound by `import x.y as z` (`alembic` itself: `alembic.op` is op). */
  | { kind: 'module'; module: string; level: number }
  /** A name imported from a module (`from app.db import helper`): its code is not read. */
  | { kind: 'imported'; module: string; level: number; name: string; exact?: true }
  /** Something that runs code Slipway cannot see (`importlib.import_module`). */
  | { kind: 'dynamic'; what: string };

/**
 * One function body's bindings: `names` as name-binding.ts keeps them, `refs` what the names
 * bound to an OpRef stand for (null: bound more than once, once to such a ref: not followed).
 */
export interface Frame {
  names: Map<string, SyntaxNode | null>;
  refs: Map<string, OpRef | null>;
}

/** A construct in code upgrade() reaches that reaches `op`, or runs code, in a way not followed. */
export interface Unfollowed {
  /** Where it is written (its first line). */
  range: Range;
  /** The construct as written, shortened: what a person sees at the finding. */
  construct: string;
  /** What it is: "`op` used as a value", "exec() runs code built at run time", ... */
  what: string;
  /** What follows for the rules, when not "so no rule checked what it does". */
  consequence?: string;
  /**
   * For a call into an imported module: the module (dotted, relative `level` dots before it).
   * MIG042 reports it only when the module is in the repository: a library's code is not the
   * application's to hide a change in. `exact`: the call is on an attribute of an imported name,
   * reported only when that name is itself a module of the repository (`name` less its last part).
   */
  module?: { name: string; level: number; exact?: true };
}

export const OP: OpRef = { kind: 'op' };

/** `kind` of a ref that stands for op or one of its methods. */
export const reachesOp = (ref: OpRef | null | undefined): boolean =>
  ref?.kind === 'op' || ref?.kind === 'method';

/** `"drop_" + "table"`, `f"drop_{KIND}"` with KIND bound to a literal: the string, else undefined. */
export function foldString(
  node: SyntaxNode | undefined,
  src: string,
  bound: (name: string) => SyntaxNode | undefined,
  depth = 0,
): string | undefined {
  if (!node || depth > 20) return undefined;
  const literal = staticString(node, src);
  if (literal) return literal.value;
  if (node.name === 'VariableName') {
    const value = bound(src.slice(node.from, node.to));
    return value && value.from !== node.from ? foldString(value, src, bound, depth + 1) : undefined;
  }
  if (node.name === 'ParenthesizedExpression')
    return foldString(node.firstChild?.nextSibling ?? undefined, src, bound, depth + 1);
  if (node.name === 'BinaryExpression') {
    const left = node.firstChild;
    const opNode = left?.nextSibling;
    const right = opNode?.nextSibling;
    if (!left || !opNode || !right || src.slice(opNode.from, opNode.to) !== '+') return undefined;
    const a = foldString(left, src, bound, depth + 1);
    const b = a === undefined ? undefined : foldString(right, src, bound, depth + 1);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  if (node.name === 'FormatString') return foldFormat(node, src, bound, depth);
  return undefined;
}

/** An f-string whose every field is a name bound to a literal (no conversion, no format spec). */
function foldFormat(
  node: SyntaxNode,
  src: string,
  bound: (name: string) => SyntaxNode | undefined,
  depth: number,
): string | undefined {
  const raw = src.slice(node.from, node.to);
  const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(raw);
  if (!quote || /\\|\{\{|\}\}/.test(raw)) return undefined;
  let at = node.from + (quote[0] as string).length;
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    out += src.slice(at, c.from);
    const inner = c.firstChild?.nextSibling;
    if (inner?.nextSibling?.name !== '}') return undefined;
    const value = foldString(inner, src, bound, depth + 1);
    if (value === undefined) return undefined;
    out += value;
    at = c.to;
  }
  return out + src.slice(at, node.to - (quote[1] as string).length);
}

/** `getattr(x, name)`: the object and name nodes, or undefined for any other call. */
export function getattrParts(
  call: SyntaxNode,
  src: string,
): { object: SyntaxNode; name: SyntaxNode | undefined } | undefined {
  const callee = call.firstChild;
  if (callee?.name !== 'VariableName' || src.slice(callee.from, callee.to) !== 'getattr') return undefined;
  const args = callArgs(call, src);
  const object = args.positional[0];
  return object ? { object, name: args.positional[1] } : undefined;
}

/** What resolving a name needs: the body's frame, the enclosing functions', the module's. */
export interface RefScope extends Frame {
  src: string;
  /** The frames of the functions around this one, innermost first (a closure reads them). */
  enclosing: readonly Frame[];
  /** Module-level names bound to a ref: imports, `drop = op.drop_table`, a module-level lambda. */
  moduleRefs: ReadonlyMap<string, OpRef | null>;
  /** Module-level functions (`def`), by the name they are bound to last. */
  functions: ReadonlyMap<string, SyntaxNode>;
}

/** What a name stands for here: a local binding first, then the enclosing functions', the module's. */
export function refOf(name: string, scope: RefScope): OpRef | null | undefined {
  if (name === 'op') return OP;
  for (let f: Frame | undefined = scope, i = 0; f; f = scope.enclosing[i++]) {
    const ref = f.refs.get(name);
    if (ref !== undefined) return ref;
    if (f.names.has(name)) return undefined;
  }
  const ref = scope.moduleRefs.get(name);
  if (ref !== undefined) return ref;
  const fn = scope.functions.get(name);
  return fn ? { kind: 'fn', fn, enclosing: [] } : undefined;
}

/** This body's frame and the enclosing ones: what a function defined here will read. */
export const framesOf = (scope: RefScope): Frame[] => [
  { names: scope.names, refs: scope.refs },
  ...scope.enclosing,
];

/** What an expression stands for: op, one of its methods, a function, an imported module or name. */
export function resolveRef(
  node: SyntaxNode | null | undefined,
  scope: RefScope,
  depth = 0,
): OpRef | null | undefined {
  if (!node || depth > 20) return undefined;
  const src = scope.src;
  switch (node.name) {
    case 'VariableName':
      return refOf(src.slice(node.from, node.to), scope);
    case 'ParenthesizedExpression':
      return resolveRef(node.firstChild?.nextSibling, scope, depth + 1);
    case 'LambdaExpression':
      return { kind: 'fn', fn: node, enclosing: framesOf(scope) };
    case 'MemberExpression': {
      const prop = node.lastChild;
      if (prop?.name !== 'PropertyName') return undefined;
      const name = src.slice(prop.from, prop.to);
      const of = resolveRef(node.firstChild, scope, depth + 1);
      if (of?.kind === 'op') return { kind: 'method', method: name };
      if (of?.kind === 'module') {
        if (of.module === 'alembic') return name === 'op' ? OP : undefined;
        if (of.module === 'importlib')
          return { kind: 'dynamic', what: `importlib.${name} imports a module chosen at run time` };
        return { kind: 'imported', module: of.module, level: of.level, name };
      }
      // An attribute of an imported name: a function of it when that name is a module (`from app
      // import jobs`, `jobs.retire()`), a method of a library when it is a class or an object
      // (`Base.metadata.create_all`). MIG042 tells them apart by the repository's files (`exact`).
      if (of?.kind === 'imported')
        return {
          kind: 'imported',
          module: of.module ? `${of.module}.${of.name}` : of.name,
          level: of.level,
          name,
          exact: true,
        };
      return undefined;
    }
    case 'CallExpression': {
      const parts = getattrParts(node, src);
      if (!parts || resolveRef(parts.object, scope, depth + 1)?.kind !== 'op') return undefined;
      const method = foldString(parts.name, src, (n) => boundName(n, scope));
      return method === undefined ? undefined : { kind: 'method', method };
    }
  }
  return undefined;
}

/** The value a name is bound to once (in this body, an enclosing one, or the module). */
function boundName(name: string, scope: RefScope): SyntaxNode | undefined {
  for (let f: Frame | undefined = scope, i = 0; f; f = scope.enclosing[i++]) {
    const v = f.names.get(name);
    if (v !== undefined) return v ?? undefined;
  }
  return undefined;
}

/** The parameters of `fn` that a call binds to op, a method of op or a function (`_drop(op)`). */
export function paramRefs(fn: SyntaxNode, call: SyntaxNode, scope: RefScope): Map<string, OpRef | null> {
  const refs = new Map<string, OpRef | null>();
  const args = callArgs(call, scope.src);
  let position = 0;
  let keywordOnly = false;
  for (let p = fn.getChild('ParamList')?.firstChild ?? null; p; p = p.nextSibling) {
    if (p.name === '*' || p.name === '**') keywordOnly = true;
    if (p.name !== 'VariableName') continue;
    const name = scope.src.slice(p.from, p.to);
    const collects = p.prevSibling?.name === '*' || p.prevSibling?.name === '**';
    if (collects || args.hasStar) continue;
    const given = (keywordOnly ? undefined : args.positional[position]) ?? args.keywords.get(name);
    if (!keywordOnly) position++;
    const fallback = p.nextSibling?.name === 'AssignOp' ? p.nextSibling.nextSibling : undefined;
    const ref = resolveRef(given ?? fallback, scope);
    if (ref) refs.set(name, ref);
  }
  return refs;
}

/** Names that stand for op anywhere in the module (for mentionsOp). */
export function opNamesOf(moduleRefs: ReadonlyMap<string, OpRef | null>): Set<string> {
  const out = new Set(['op']);
  for (const [name, ref] of moduleRefs) if (reachesOp(ref)) out.add(name);
  return out;
}

/** The code under `node` names op (or a module-level alias of it) somewhere. */
export function mentionsOp(node: SyntaxNode, src: string, opNames: ReadonlySet<string>): boolean {
  const cur = node.cursor();
  const end = node.to;
  do {
    if (cur.from >= end) break;
    if (cur.name === 'VariableName' && opNames.has(src.slice(cur.from, cur.to))) return true;
  } while (cur.next());
  return false;
}
