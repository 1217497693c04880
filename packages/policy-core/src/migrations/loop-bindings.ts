import type { SyntaxNode } from '@lezer/common';
import { boundValue, callParams, forgetBoundNames, type NameScope } from './name-binding.js';
import { childrenOf, collectionItems, staticString } from './python-syntax.js';

// A file read inside `for name in ["001_tables.sql", "002_indexes.sql"]:` reads each file the
// loop names, in turn (sql-load.ts). The loops are those around the call that runs the SQL, in
// its own function: a read bound inside a loop and run after it runs the last file only, and a
// helper's body does not see its caller's loop. The loop variable stands for each element of a
// literal list or tuple (or of a name bound once to one), one at a time; the read is followed once
// per element its path uses, so a loop whose variable the path does not use reads its file once.
// A loop over anything else (a glob, `os.listdir`, a list built at run time), a variable bound
// again inside the loop, or a tuple target stands for nothing followed, and says why. A function
// the walk enters from such a loop (`for name in [...]: _run(name)`) has the parameter the loop
// variable is passed to stand for the same strings (`paramLoops`).

/** How many elements a loop may name, and how many files the loops around one read may make. */
export const MAX_LOOP_READS = 64;

/** What starts a scope of its own: a loop outside it does not bind its names. */
const OWN_SCOPE = new Set([
  'FunctionDefinition',
  'LambdaExpression',
  'ClassDefinition',
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ComprehensionExpression',
]);

/** A loop variable: the elements it stands for in turn, or why it stands for nothing followed. */
export type LoopVar = SyntaxNode[] | string;

/** The loop variables a read is followed with, and which element each stands for this time. */
export interface Loops {
  /** The variables of the loops around the read, innermost first. */
  vars: ReadonlyMap<string, LoopVar>;
  /** The element each variable stands for in this following of the read. */
  picks: ReadonlyMap<string, number>;
  /** Variables the read used that have no pick yet: eachLoopRead follows it once per element. */
  wanted: Set<string>;
}

/** Names, and the loop variables the parameters of the function walked stand for. */
export interface LoopScope extends NameScope {
  /** Its parameters given a loop variable by the call that entered it (walkFunction, op-calls.ts). */
  paramLoops?: ReadonlyMap<string, LoopVar>;
}

/**
 * The loop variables in force where `at` runs: its enclosing `for` loops in its own scope, then
 * the parameters of the function walked that stand for a loop's strings (unless bound again).
 */
export function loopsAround(at: SyntaxNode, scope: LoopScope): Map<string, LoopVar> {
  const vars = new Map<string, LoopVar>();
  let child = at;
  let n = at.parent;
  for (; n && !OWN_SCOPE.has(n.name); child = n, n = n.parent) {
    if (n.name !== 'ForStatement') continue;
    // Only the loop's own body runs once per element (not its iterable, not its `else`).
    const body = n.getChild('Body');
    if (!body || child.name !== 'Body' || child.from !== body.from) continue;
    const targets: SyntaxNode[] = [];
    let iterable: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'in') {
        iterable = c.nextSibling;
        break;
      }
      if (c.name !== 'for' && c.name !== 'async') targets.push(c);
    }
    const names = targetNames(targets, scope.src);
    const single = targets.length === 1 && targets[0]?.name === 'VariableName';
    for (const name of names) {
      if (vars.has(name)) continue; // an inner loop's variable of the same name is the one in force
      if (!single) vars.set(name, 'is one of a loop\u2019s several targets');
      else {
        // The body is scanned for a rebinding only for a loop that is followed at all.
        const items = loopItems(iterable, scope);
        vars.set(name, typeof items === 'string' ? items : (reboundIn(body, name, scope.src) ?? items));
      }
    }
  }
  // A comprehension or a class is a scope of its own: the function's parameters are not its names.
  const body =
    n?.name === 'FunctionDefinition' ? n.getChild('Body') : n?.name === 'LambdaExpression' ? n : null;
  if (body && scope.paramLoops)
    for (const [name, v] of scope.paramLoops)
      if (!vars.has(name)) vars.set(name, reboundIn(body, name, scope.src) ?? v);
  return vars;
}

/**
 * The parameters of `fn` that `call` passes a loop variable of its own (`_run(name)` in `for name
 * in [...]:`): each stands for the loop's strings in the body, one at a time. Only literals cross
 * over: a name among the elements means something else in the function's scope.
 */
export function paramLoops(
  fn: SyntaxNode,
  call: SyntaxNode,
  scope: LoopScope,
): Map<string, LoopVar> | undefined {
  const around = loopsAround(call, scope);
  if (around.size === 0) return undefined;
  let out: Map<string, LoopVar> | undefined;
  for (const { name, given, known } of callParams(fn, call, scope.src)) {
    if (!known || given?.name !== 'VariableName') continue;
    const v = around.get(scope.src.slice(given.from, given.to));
    if (v === undefined) continue;
    const literal = typeof v === 'string' || v.every((e) => staticString(e, scope.src) !== undefined);
    out ??= new Map();
    out.set(name, literal ? v : 'is given a loop variable whose elements are not all string literals');
  }
  return out;
}

/** The plain names a loop's target binds (`f`, `a, b`, `(a, b)`). */
function targetNames(targets: readonly SyntaxNode[], src: string): string[] {
  const out: string[] = [];
  const stack = [...targets];
  while (stack.length > 0) {
    const n = stack.pop() as SyntaxNode;
    if (n.name === 'VariableName') out.push(src.slice(n.from, n.to));
    else stack.push(...childrenOf(n));
  }
  return out;
}

/** Why the variable stands for nothing followed when the loop's body binds it again. */
function reboundIn(body: SyntaxNode, name: string, src: string): string | undefined {
  const bound = new Map<string, SyntaxNode | null>();
  forgetBoundNames(body, src, bound);
  return bound.has(name) ? 'is bound again inside the loop' : undefined;
}

/** Expressions an element may be: a string, an f-string, a name (followed when the read is). */
const ELEMENTS = new Set(['String', 'ContinuedString', 'FormatString', 'VariableName']);

/** The elements of a literal list or tuple (or a name bound once to one), or why not. */
function loopItems(iterable: SyntaxNode | null, scope: NameScope): LoopVar {
  let node = iterable;
  if (node?.name === 'VariableName') node = boundValue(scope.src.slice(node.from, node.to), scope) ?? node;
  const written = iterable
    ? scope.src.slice(iterable.from, iterable.to).replace(/\s+/g, ' ').slice(0, 40)
    : '';
  const why = `loops over \`${written}\`, not a literal list of strings`;
  if (node?.name !== 'ArrayExpression' && node?.name !== 'TupleExpression') return why;
  const items = collectionItems(node);
  if (items.some((i) => !ELEMENTS.has(i.name))) return why;
  if (items.length > MAX_LOOP_READS) return `loops over more than ${MAX_LOOP_READS} names`;
  return items;
}

/**
 * `read` followed once per element of each loop variable it uses (each use is a `wanted`), in the
 * order Python runs them: outer loops' elements first. Undefined past MAX_LOOP_READS reads.
 */
export function eachLoopRead<T>(
  vars: ReadonlyMap<string, LoopVar>,
  read: (loops: Loops) => T,
): T[] | undefined {
  const done: { picks: ReadonlyMap<string, number>; value: T }[] = [];
  const stack: ReadonlyMap<string, number>[] = [new Map()];
  while (stack.length > 0) {
    const picks = stack.pop() as ReadonlyMap<string, number>;
    const loops: Loops = { vars, picks, wanted: new Set() };
    const value = read(loops);
    const next = [...loops.wanted].find((name) => !picks.has(name));
    const items = next === undefined ? undefined : vars.get(next);
    if (next === undefined || !Array.isArray(items)) {
      done.push({ picks, value });
      if (done.length > MAX_LOOP_READS) return undefined;
      continue;
    }
    for (let i = items.length - 1; i >= 0; i--) stack.push(new Map([...picks, [next, i]]));
  }
  const outerFirst = [...vars.keys()].reverse();
  done.sort((a, b) => {
    for (const name of outerFirst) {
      const d = (a.picks.get(name) ?? -1) - (b.picks.get(name) ?? -1);
      if (d !== 0) return d;
    }
    return 0;
  });
  return done.map((d) => d.value);
}

/**
 * The element a loop variable stands for in this following (undefined: no pick yet, now wanted),
 * or null when `name` is no loop variable followed.
 */
export function loopElement(name: string, loops: Loops | undefined): SyntaxNode | undefined | null {
  const items = loops?.vars.get(name);
  if (!loops || !Array.isArray(items)) return null;
  const pick = loops.picks.get(name);
  if (pick === undefined) {
    loops.wanted.add(name);
    return undefined;
  }
  return items[pick];
}

/** Why a name is no loop variable followed, when it is a loop variable at all. */
export function loopWhy(name: string, loops: Loops | undefined): string | undefined {
  const v = loops?.vars.get(name);
  return typeof v === 'string' ? `the loop variable \`${name}\`, which ${v}` : undefined;
}
