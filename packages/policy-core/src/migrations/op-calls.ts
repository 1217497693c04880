import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import { type DispatchedFunction, globalsDispatchPrefix } from './dispatch.js';
import { holdsOnPostgres } from './dialect-guard.js';
import { executeArgOps } from './execute-arg.js';
import { functionShape } from './function-shape.js';
import { arg, callArgs, calleePath, str } from './python-syntax.js';
import { describeOp } from './op-describe.js';
import type { SchemaOp } from './schema-op.js';
import {
  boundArg,
  boundArgs,
  boundValue,
  forgetBoundNames,
  forgetLoopTargets,
  helperNames,
} from './name-binding.js';
import { opensFile } from './sql-load.js';
import { isGetBind, noteAssignment, type WalkContext } from './op-walk.js';

/** Connection methods that run the SQL they are given, like `op.execute`. */
const BIND_EXECUTE = new Set(['execute', 'exec_driver_sql']);

/** Alembic helpers that do not change the database by themselves. */
const NOT_A_CHANGE = new Set([
  'f',
  'get_bind',
  'get_context',
  'inline_literal',
  'batch_alter_table',
  'implementation_for',
  'run_async',
]);

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
  moduleNames: ReadonlyMap<string, SyntaxNode | null> = new Map(),
): { ops: SchemaOp[]; dispatched: DispatchedFunction[] } {
  const ctx: WalkContext = {
    src,
    lines,
    functions,
    names: new Map(),
    moduleNames,
    visiting: new Set(),
    inAutocommit: false,
    binds: new Set(),
    trackBinds: src.includes('get_bind'),
    out: [],
    dispatched: [],
    exit: { returned: false },
  };
  const body = fn.getChild('Body');
  if (body) visit(body, ctx);
  return { ops: ctx.out, dispatched: ctx.dispatched };
}

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
      else {
        if (name === 'AssignStatement') noteAssignment(cur.node, ctx);
        else if (name === 'ForStatement') forgetLoopTargets(cur.node, ctx.src, ctx.names);
        else if (REBINDS.has(name)) forgetBoundNames(cur.node, ctx.src, ctx.names);
        descend = true;
      }
    }
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

/** The first line of a call: findings about it sit there so a suppression above it applies. */
function callAnchor(call: SyntaxNode, ctx: WalkContext): Range {
  const start = ctx.lines.position(call.from);
  const end = ctx.lines.position(call.to);
  if (end.line === start.line) return { start, end };
  return { start, end: { line: start.line, character: ctx.lines.lineText(start.line).length } };
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
      if (prefix !== undefined) visitDispatched(prefix, ctx);
    }
  } else if (callee?.name === 'VariableName') {
    const name = ctx.src.slice(callee.from, callee.to);
    const fn = ctx.functions.get(name);
    if (fn && !ctx.visiting.has(name)) {
      ctx.visiting.add(name);
      const body = fn.getChild('Body');
      // The helper's own names: its parameters, bound to the strings or calls this call passes.
      if (body) visit(body, { ...ctx, names: helperNames(fn, call, ctx), exit: { returned: false } });
      ctx.visiting.delete(name);
    }
  }
  visit(call, ctx);
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
    if (body) visit(body, { ...ctx, names: new Map(), exit: { returned: false } });
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

function opCall(call: SyntaxNode, method: string, batch: boolean, ctx: WalkContext): void {
  if (NOT_A_CHANGE.has(method)) return;
  const args = callArgs(call, ctx.src);
  const range = callAnchor(call, ctx);
  if (method === 'execute') {
    const sql = arg(args, 0, 'sqltext') ?? args.keywords.get('statement');
    for (const op of executeArgOps(sql, ctx.src, ctx.lines, range, (name) => boundValue(name, ctx), ctx)) {
      // `op.execute("COMMIT")` ends Alembic's transaction (an old, common way to run CONCURRENTLY
      // before autocommit_block existed): what follows in this body runs outside it, until a BEGIN.
      // A BEGIN or COMMIT itself carries the state it found (was a transaction open before it?).
      const before = ctx.inAutocommit;
      if (op.transaction === 'end') ctx.inAutocommit = true;
      else if (op.transaction === 'begin') ctx.inAutocommit = false;
      const auto = op.transaction ? before : ctx.inAutocommit;
      ctx.out.push(auto ? { ...op, inAutocommit: true } : op);
    }
    return;
  }
  // A name bound once to a string or a call (a table, `col = sa.Column(...)`) stands for it.
  const named = boundArgs(args, ctx);
  // The label is the call as written on its first line: what a person sees at the finding.
  // Looked for within those 100 characters only: a search to the line's end would read a whole
  // 4 MB line once per op written on it.
  const head = Math.min(call.to, call.from + 100);
  const nl = ctx.src.slice(call.from, head).indexOf('\n');
  const end = nl === -1 ? head : call.from + nl;
  const label = ctx.src.slice(call.from, end).trimEnd() + (end < call.to ? ' ...' : '');
  // `schema="s"`: s.users and users (the search path) are different tables to every rule.
  const schema = batch ? ctx.batch?.schema : str(named.keywords.get('schema'), ctx.src);
  for (const facts of describeOp(method, named, ctx.src, batch, ctx.batch?.table)) {
    const op: SchemaOp = Object.assign({ range, source: 'op' as const, label }, facts);
    if (schema !== undefined && op.table !== undefined) op.schema = schema;
    if (ctx.inAutocommit) op.inAutocommit = true;
    ctx.out.push(op);
  }
}
