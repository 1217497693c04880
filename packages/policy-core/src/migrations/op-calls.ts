import type { SyntaxNode } from '@lezer/common';
// Over 300 lines: the walk of a function body is one mutually recursive concept (visit, if, with,
// call, dispatch, the functions a call reaches); each part calls the others.
import type { LineIndex } from '../text-position.js';
import { type DispatchedFunction, globalsDispatchPrefix } from './dispatch.js';
import { holdsOnPostgres } from './dialect-guard.js';
import { functionShape } from './function-shape.js';
import { arg, callArgs, calleePath, str } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';
import {
  boundArg,
  forgetBoundNames,
  forgetLoopTargets,
  helperNames,
  type NameLookup,
} from './name-binding.js';
import { paramLoops as paramLoopsOf } from './loop-bindings.js';
import { opensFile } from './sql-load.js';
import { isGetBind, noteAssignment, type WalkContext } from './op-walk.js';
import { opCall } from './op-method-call.js';
import { DYNAMIC_BUILTINS, importRefs } from './op-imports.js';
import {
  type Frame,
  framesOf,
  getattrParts,
  type OpRef,
  paramRefs,
  reachesOp,
  resolveRef,
  type Unfollowed,
} from './op-reach.js';
import { lambdaUse, say, valueUse } from './op-unfollowed.js';
import { helperCallStep } from './helper-call.js';

/** Connection methods that run the SQL they are given, like `op.execute`. */
const BIND_EXECUTE = new Set(['execute', 'exec_driver_sql']);

/** Statements and clauses that bind a name otherwise than `name = value` (see name-binding.ts). */
const REBINDS = new Set([
  'UpdateStatement',
  'NamedExpression',
  'CapturePattern',
  'ImportStatement',
  'DeleteStatement',
  'as',
]);

const SKIPPED = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression', 'String', 'Comment']);

/** Collects the schema operations a function body performs, in source order. */
export function functionOps(
  fn: SyntaxNode,
  src: string,
  lines: LineIndex,
  functions: Map<string, SyntaxNode>,
  moduleNames: NameLookup = new Map(),
  moduleRefs: ReadonlyMap<string, OpRef | null> = new Map(),
  opNames: ReadonlySet<string> = new Set(['op']),
  /** The parameters a call from another module binds (helper-modules.ts): names and refs. */
  params?: { names: Map<string, SyntaxNode | null>; refs: Map<string, OpRef | null> },
): { ops: SchemaOp[]; dispatched: DispatchedFunction[]; unfollowed: Unfollowed[] } {
  const ctx: WalkContext = {
    src,
    lines,
    functions,
    names: params?.names ?? new Map(),
    refs: params?.refs ?? new Map(),
    enclosing: [],
    moduleNames,
    moduleRefs,
    opNames,
    unfollowed: [],
    said: new Set(),
    visiting: new Set(),
    inAutocommit: false,
    binds: new Set(),
    trackBinds: src.includes('get_bind'),
    out: [],
    dispatched: [],
    exit: { returned: false },
  };
  const body = bodyOf(fn);
  if (body) visit(body, ctx);
  return { ops: ctx.out, dispatched: ctx.dispatched, unfollowed: ctx.unfollowed };
}

/** What a function runs: a def's body, or a lambda (walked whole: its expression is its body). */
const bodyOf = (fn: SyntaxNode): SyntaxNode | null =>
  fn.name === 'LambdaExpression' ? fn : fn.getChild('Body');

/** Walks a subtree with one cursor (no node objects except for the calls and with-blocks it acts on). */
function visit(node: SyntaxNode, ctx: WalkContext): void {
  const cur = node.cursor();
  if (!cur.firstChild()) return;
  let depth = 0;
  for (;;) {
    if (ctx.exit.returned) return;
    const name = cur.name;
    let descend = false;
    if (!SKIPPED.has(name)) {
      if (name === 'WithStatement') visitWith(cur.node, ctx);
      else if (name === 'IfStatement') visitIf(cur.node, ctx);
      else if (name === 'CallExpression') visitCall(cur.node, ctx);
      else if (name === 'VariableName') valueUse(cur.node, ctx);
      else {
        descend = true;
        if (name === 'AssignStatement') descend = !noteAssignment(cur.node, ctx);
        else if (name === 'ForStatement') forgetLoopTargets(cur.node, ctx.src, ctx.names);
        else if (REBINDS.has(name)) {
          // An import inside a function binds names; it calls nothing and uses op as no value.
          if (name === 'ImportStatement') descend = !noteImport(cur.node, ctx);
          forgetBoundNames(cur.node, ctx.src, ctx.names);
        }
      }
    } else if (name === 'FunctionDefinition') noteLocalDef(cur.node, ctx);
    else if (name === 'LambdaExpression') lambdaUse(cur.node, ctx);
    if (descend && cur.firstChild()) {
      depth++;
      continue;
    }
    while (!cur.nextSibling()) {
      if (depth === 0) return;
      cur.parent();
      depth--;
    }
  }
}

/**
 * `if` / `elif` / `else`: a branch that cannot run on PostgreSQL (a MySQL-only branch, the rest
 * after a branch that tests for PostgreSQL itself) is not read; see dialect-guard.ts. Conditions
 * are read like any expression, so a call in one still counts.
 */
function visitIf(node: SyntaxNode, ctx: WalkContext): void {
  let decided = false; // an earlier branch certainly runs on PostgreSQL: the later ones cannot
  let holds: boolean | undefined;
  let allFalse = true; // every condition so far is false on PostgreSQL: `else` runs there
  for (let c = node.firstChild; c && !decided; c = c.nextSibling) {
    if (c.name === 'if' || c.name === 'elif') {
      const cond = c.nextSibling;
      if (!cond || cond.name === 'Body') continue;
      holds = holdsOnPostgres(cond, ctx.src, (name) => ctx.functions.get(name));
      if (holds !== false) allFalse = false;
      if (cond.name === 'CallExpression') visitCall(cond, ctx);
      else visit(cond, ctx);
      c = cond;
    } else if (c.name === 'else') holds = allFalse ? true : undefined;
    else if (c.name === 'Body') {
      if (holds !== false) visit(c, ctx);
      if (holds === true) {
        decided = true;
        // A branch PostgreSQL takes that ends in `return`: nothing after the `if` runs there.
        if (c.lastChild?.name === 'ReturnStatement') ctx.exit.returned = true;
      }
    }
  }
}

/**
 * The items of a `with` header. `with (a(), b()):` (Python 3.9+: two context managers) and
 * `with (a()):` parse as a tuple or a parenthesised expression: their members are the items.
 */
function withItems(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Body') break;
    if (c.name === 'ParenthesizedExpression' || c.name === 'TupleExpression') {
      for (let m = c.firstChild; m; m = m.nextSibling) if (m.name !== '(' && m.name !== ')') out.push(m);
    } else out.push(c);
  }
  return out;
}

function visitWith(node: SyntaxNode, ctx: WalkContext): void {
  const kids = withItems(node);
  let inner: WalkContext = ctx;
  for (let i = 0; i < kids.length; i++) {
    const item = kids[i] as SyntaxNode;
    if (item.name !== 'CallExpression') continue;
    const path = calleePath(item, ctx.src);
    const as = kids[i + 1]?.name === 'as' ? kids[i + 1] : undefined;
    const target = as ? kids[i + 2] : undefined;
    // `with ... as name:` rebinds the name, as name-binding.ts reads every other binding.
    if (as) forgetBoundNames(as, ctx.src, ctx.names);
    // `with open(path) as f:`: in the body, `f` is that file (`op.execute(f.read())` runs it).
    if (target?.name === 'VariableName' && opensFile(item, ctx))
      ctx.names.set(ctx.src.slice(target.from, target.to), item);
    if (path?.[0] === 'op' && path[1] === 'batch_alter_table' && path.length === 2) {
      const args = callArgs(item, ctx.src);
      const tableNode = boundArg(arg(args, 0, 'table_name'), ctx);
      const table = str(tableNode, ctx.src);
      const alias = target ? ctx.src.slice(target.from, target.to) : 'batch_op';
      const schema = str(args.keywords.get('schema'), ctx.src);
      inner = { ...inner, batch: { alias, table, schema } };
    } else if (path?.[path.length - 1] === 'autocommit_block') {
      inner = { ...inner, inAutocommit: true };
    } else visitCall(item, ctx);
  }
  const body = node.getChild('Body');
  if (body) visit(body, inner);
}

function visitCall(call: SyntaxNode, ctx: WalkContext): void {
  // Read the callee shape directly (no path arrays): this runs for every call in a body.
  const callee = call.firstChild;
  if (callee?.name === 'MemberExpression') {
    const obj = callee.firstChild;
    const prop = callee.lastChild;
    if (obj?.name === 'VariableName' && prop?.name === 'PropertyName') {
      const receiver = ctx.src.slice(obj.from, obj.to);
      if (receiver === 'op' || receiver === ctx.batch?.alias) {
        opCall(call, ctx.src.slice(prop.from, prop.to), receiver !== 'op', ctx);
        return;
      }
    }
    // `conn.execute(...)` / `op.get_bind().execute(...)`: the same SQL as op.execute.
    // Cheapest test first: this runs for every `x.y(...)` call, and few are on a connection.
    const onBind =
      ctx.trackBinds &&
      (obj?.name === 'CallExpression'
        ? isGetBind(obj, ctx)
        : obj?.name === 'VariableName' && ctx.binds.has(ctx.src.slice(obj.from, obj.to)));
    if (onBind && prop?.name === 'PropertyName' && BIND_EXECUTE.has(ctx.src.slice(prop.from, prop.to))) {
      opCall(call, 'execute', false, ctx);
      return;
    }
    if (prop?.name === ']' && ctx.src.startsWith('globals', callee.from)) {
      const prefix = globalsDispatchPrefix(call, ctx.src);
      if (prefix !== undefined) {
        visitDispatched(prefix, ctx);
        visitArgs(call, ctx);
        return;
      }
    }
    if (prop?.name === 'PropertyName' && calledRef(call, resolveRef(callee, ctx), ctx)) return;
  } else if (callee?.name === 'VariableName') {
    const name = ctx.src.slice(callee.from, callee.to);
    const ref = resolveRef(callee, ctx);
    if (!calledRef(call, ref, ctx) && ref === undefined && DYNAMIC_BUILTINS.has(name))
      say(call, DYNAMIC_BUILTINS.get(name) as string, ctx);
    visitArgs(call, ctx);
    return;
  } else if (callee?.name === 'CallExpression' || callee?.name === 'ParenthesizedExpression') {
    const parts = callee.name === 'CallExpression' ? getattrParts(callee, ctx.src) : undefined;
    if (parts && reachesOp(resolveRef(parts.object, ctx)) && resolveRef(callee, ctx) === undefined) {
      say(callee, 'getattr on op with a name built at run time: which operation runs is not followed', ctx);
      ctx.said.add(parts.object.from);
    } else if (calledRef(call, resolveRef(callee, ctx), ctx)) return;
  }
  visit(call, ctx);
}

/** A call's arguments, walked as any expression (the callee is the call's own business). */
function visitArgs(call: SyntaxNode, ctx: WalkContext): void {
  const args = call.getChild('ArgList');
  if (args) visit(args, ctx);
}

/**
 * A call whose callee stands for something followed or said (op-reach.ts): a method of op runs
 * as `op.<method>(...)`; a function (same file, nested, a lambda) is walked with its parameters
 * bound; a name bound twice to such a ref, op itself, code run at run time or a function of an
 * imported module is said. True when the call is done with (its arguments walked where needed).
 */
function calledRef(call: SyntaxNode, ref: OpRef | null | undefined, ctx: WalkContext): boolean {
  if (ref === undefined) return false;
  if (ref === null) {
    say(
      call,
      'a name bound more than once, once to op or a function, is called: which one runs is not followed',
      ctx,
    );
    return false;
  }
  switch (ref.kind) {
    case 'method':
      opCall(call, ref.method, false, ctx);
      return true;
    case 'fn':
      walkFunction(ref.fn, ref.enclosing, call, ctx);
      return true;
    case 'op':
      say(call, "Alembic's op is called as a function: what it runs is not followed", ctx);
      return false;
    case 'dynamic':
      say(call, ref.what, ctx);
      return false;
    case 'imported': {
      const from = '.'.repeat(ref.level) + ref.module;
      say(call, `\`${ref.name}\` of ${from} is called: Slipway does not read that module's code`, ctx, {
        name: ref.module ? `${ref.module}.${ref.name}` : ref.name,
        level: ref.level,
        ...(ref.exact ? { exact: true as const } : {}),
      });
      // The analyzer reads the module, when it is one of the repository (helper-modules.ts).
      helperCallStep(call, ref, ctx);
      return false;
    }
    default:
      return false;
  }
}

/**
 * A function upgrade() calls (same file in any order, nested, a closure, a lambda): its body is
 * read as part of the caller, each parameter bound to what the call passes (a string, a call, op,
 * a method of op, a function). A function already being walked is not walked again (recursion).
 */
function walkFunction(fn: SyntaxNode, enclosing: readonly Frame[], call: SyntaxNode, ctx: WalkContext): void {
  const key = String(fn.from);
  const refs = paramRefs(fn, call, ctx);
  // What the call hands over as op is followed into the function, not a value use here.
  for (const a of callArgs(call, ctx.src).positional) if (reachesOp(resolveRef(a, ctx))) ctx.said.add(a.from);
  for (const a of callArgs(call, ctx.src).keywords.values())
    if (reachesOp(resolveRef(a, ctx))) ctx.said.add(a.from);
  if (!ctx.visiting.has(key)) {
    ctx.visiting.add(key);
    const body = bodyOf(fn);
    const names = helperNames(fn, call, ctx);
    // A closure reads the names of the functions around it before the module's.
    const moduleNames = enclosing.length === 0 ? ctx.moduleNames : closureNames(enclosing, ctx.moduleNames);
    const paramLoops = paramLoopsOf(fn, call, ctx);
    if (body)
      visit(body, { ...ctx, names, refs, enclosing, moduleNames, paramLoops, exit: { returned: false } });
    ctx.visiting.delete(key);
  }
  visitArgs(call, ctx);
}

/** The names a closure reads after its own: its enclosing functions', innermost first, then the module's. */
function closureNames(enclosing: readonly Frame[], outer: NameLookup): NameLookup {
  return {
    get(name: string) {
      for (const f of enclosing) if (f.names.has(name)) return f.names.get(name);
      return outer.get(name);
    },
  };
}

/** `def inner(): ...` in a body: its name stands for it (a closure over this body's names). */
function noteLocalDef(def: SyntaxNode, ctx: WalkContext): void {
  const name = def.getChild('VariableName');
  if (name)
    ctx.refs.set(ctx.src.slice(name.from, name.to), { kind: 'fn', fn: def, enclosing: framesOf(ctx) });
}

/** `from alembic import op as o` inside a function: the names it binds there. */
function noteImport(stmt: SyntaxNode, ctx: WalkContext): true {
  for (const [name, ref] of importRefs(stmt, ctx.src)) {
    if (ref) ctx.refs.set(name, ctx.names.has(name) || ctx.refs.has(name) ? null : ref);
    else if (ctx.refs.has(name)) ctx.refs.set(name, null);
  }
  return true;
}

/**
 * `globals()["upgrade_%s" % engine_name]()`: every module-level `upgrade_<x>` may run, so each
 * is read as part of this body, in source order, its ops at their own lines.
 */
function visitDispatched(prefix: string, ctx: WalkContext): void {
  for (const [name, fn] of ctx.functions) {
    if (!name.startsWith(prefix) || name.length === prefix.length || ctx.visiting.has(name)) continue;
    if (ctx.dispatched.some((d) => d.name === name)) continue;
    ctx.visiting.add(name);
    const before = ctx.out.length;
    const body = fn.getChild('Body');
    if (body) visit(body, { ...ctx, names: new Map(), paramLoops: undefined, exit: { returned: false } });
    ctx.visiting.delete(name);
    const nameNode = fn.getChild('VariableName') ?? fn;
    ctx.dispatched.push({
      name,
      suffix: name.slice(prefix.length),
      range: ctx.lines.range(fn.from, nameNode.to),
      shape: functionShape(fn, ctx.src, ctx.out.length > before),
    });
    for (let i = before; i < ctx.out.length; i++) (ctx.out[i] as SchemaOp).via = name;
  }
}
