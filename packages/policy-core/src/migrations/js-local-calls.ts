import type { SyntaxNode } from '@lezer/common';
import { argsOf, text, type WalkCtx } from './js-walk.js';

// A migration that hands its handle to a function written in the same file - a method of its class
// (`await this.postgresUpQueryRunner(queryRunner)`, how ever-gauzy writes each of its TypeORM
// migrations, one method per database) or a function of the module (`await addAuditColumns(knex)`)
// - runs that function's body: the walk reads it there, with the parameter bound to the handle,
// as if it were written at the call. Anything else the handle is handed to stays a value the
// reader does not follow, and says so.

/**
 * How deep calls are followed (a helper calling a helper …), and how many bodies one walk may read:
 * at most 256, adding up to at most 4 times the file's length, so that a file calling one large
 * helper over and over costs a bounded multiple of reading it once.
 */
export const MAX_CALL_DEPTH = 8;
export const MAX_FOLLOWED_CALLS = 256;
export const MAX_FOLLOWED_SIZE = 4;

/** What binds `this` for the code inside it: a function that is not an arrow, a method, a class. */
const THIS_SCOPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'MethodDeclaration',
  'ClassBody',
  'PropertyDeclaration',
]);

/** The node whose `this` a `this` inside it is: a method, a function, a class body. */
export function thisScopeOf(n: SyntaxNode): SyntaxNode | null {
  let scope = n.parent;
  while (
    scope &&
    !THIS_SCOPES.has(scope.name) &&
    !(scope.name === 'Property' && scope.getChild('ParamList') !== null)
  )
    scope = scope.parent;
  return scope;
}

export type LocalCall =
  /** The function's body is read with `param` bound to the handle. */
  | { name: string; fn: SyntaxNode; param: string; call: SyntaxNode; method: boolean }
  /** A call into the file the reader cannot follow: said at `call`. */
  | { call: SyntaxNode; what: string };

/**
 * The handle `arg` (a bare name, an argument) handed to a function of this file: which function
 * and its parameter, or why it is not followed; undefined when the call is to anything else.
 */
export function localCallOf(arg: SyntaxNode, ctx: WalkCtx): LocalCall | undefined {
  const list = arg.parent;
  const call = list?.parent;
  if (list?.name !== 'ArgList' || call?.name !== 'CallExpression' || call.firstChild === null)
    return undefined;
  const fn = calleeOf(call.firstChild, ctx);
  if (!fn) return undefined;
  const handle = text(arg, ctx.src);
  if (list.getChild('Spread'))
    return { call, what: `${handle} handed to ${fn.name}() after a spread argument` };
  const index = argsOf(list).findIndex((a) => a.from === arg.from);
  const param = paramAt(fn.node, index, ctx.src);
  if (param === undefined)
    return {
      call,
      what: `${handle} handed to ${fn.name}(), whose parameter it arrives in is not a plain name Slipway reads`,
    };
  if ((ctx.following ?? []).includes(fn.name))
    return { call, what: `${fn.name}() calls itself again with ${handle}, which Slipway does not follow` };
  if ((ctx.following?.length ?? 0) >= MAX_CALL_DEPTH || (ctx.followedCalls ?? 0) >= MAX_FOLLOWED_CALLS)
    return {
      call,
      what: `${fn.name}(): calls nested deeper than ${MAX_CALL_DEPTH} or more than ${MAX_FOLLOWED_CALLS} in one migration, not followed`,
    };
  if ((ctx.followedChars ?? 0) + fn.node.to - fn.node.from > MAX_FOLLOWED_SIZE * ctx.src.length)
    return {
      call,
      what: `${fn.name}(): the bodies of the calls followed would add up to more than ${MAX_FOLLOWED_SIZE} times the file, not followed`,
    };
  return { name: fn.name, fn: fn.node, param, call, method: fn.name.startsWith('this.') };
}

/** `this.name` (a method of the migration's class, on the walked method's own `this`) or `name` (a module function). */
function calleeOf(callee: SyntaxNode, ctx: WalkCtx): { name: string; node: SyntaxNode } | undefined {
  if (callee.name === 'VariableName') {
    const name = text(callee, ctx.src);
    const node = ctx.moduleFunctions?.get(name);
    return node ? { name, node } : undefined;
  }
  if (callee.name !== 'MemberExpression' || callee.firstChild?.name !== 'this') return undefined;
  const prop = callee.lastChild;
  if (prop?.name !== 'PropertyName' || ctx.method === undefined) return undefined;
  if (thisScopeOf(callee.firstChild)?.from !== ctx.method) return undefined;
  const name = text(prop, ctx.src);
  const node = ctx.classMethods?.get(name);
  return node ? { name: `this.${name}`, node } : undefined;
}

/** The plain name of the function's parameter at `index` (typed or with a default), else undefined. */
function paramAt(fn: SyntaxNode, index: number, src: string): string | undefined {
  const list = fn.getChild('ParamList');
  let i = 0;
  for (let c = list?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableDefinition') {
      if (i === index) return c.prevSibling?.name === 'Spread' ? undefined : text(c, src);
      i++;
    } else if (c.name === 'ObjectPattern' || c.name === 'ArrayPattern') {
      if (i === index) return undefined;
      i++;
    }
  }
  return undefined;
}

const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunction', 'FunctionDeclaration']);

/**
 * The module's functions a call by name reaches wherever it is written: each a function declared
 * or bound to a `const`, its name bound nowhere else in the file (a parameter or a local of the
 * same name would hide it) and never assigned (`retire = other`).
 */
export function functionsBoundOnce(
  top: SyntaxNode,
  fns: ReadonlyMap<string, SyntaxNode>,
  src: string,
): Map<string, SyntaxNode> {
  const bound = new Map<string, number>();
  const cursor = top.cursor();
  for (let more = true; more; more = cursor.next()) {
    const assigned = cursor.name === 'AssignmentExpression' ? cursor.node.firstChild : null;
    const name =
      cursor.name === 'VariableDefinition'
        ? text(cursor.node, src)
        : assigned?.name === 'VariableName'
          ? text(assigned, src)
          : undefined;
    if (name !== undefined) bound.set(name, (bound.get(name) ?? 0) + 1);
  }
  const out = new Map<string, SyntaxNode>();
  for (const [name, fn] of fns) {
    const declaration = fn.name === 'FunctionDeclaration' ? fn : fn.parent;
    const constant = fn.name === 'FunctionDeclaration' || declaration?.firstChild?.name === 'const';
    if (FUNCTIONS.has(fn.name) && constant && bound.get(name) === 1) out.set(name, fn);
  }
  return out;
}
