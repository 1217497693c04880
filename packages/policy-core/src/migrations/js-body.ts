import type { SyntaxNode } from '@lezer/common';
import { otherDatabaseBranches } from './js-dialect-guard.js';
import { type LocalCall, localCallOf, thisScopeOf } from './js-local-calls.js';
import { underCondition } from './js-under-condition.js';
import { chainFrom, pushUnfollowed, type Segment, text, type WalkCtx } from './js-walk.js';

/** How one tool reads a chain that starts at the database handle or at a table builder. */
export interface ChainMapper {
  db(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void;
  builder(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void;
  /** A chain that starts at a name holding a query builder kept unrun (`ctx.kept`). */
  kept?(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void;
  /** Once the body is walked: the steps put in the order they run, where that is not where they are written. */
  finish?(ctx: WalkCtx): void;
}

/** Code that runs what Slipway cannot see, wherever it is in `up`/`down`. */
const DYNAMIC_CALLS: Record<string, string> = {
  eval: 'eval() runs code built at run time',
  Function: 'Function() makes code from a string at run time',
  require: 'require() loads a module at run time, whose code is not read',
};

/**
 * Walks a function body in source order: each use of the database handle or of a builder goes
 * to the tool's mapper as one chain (which may register the builders of callbacks it is handed,
 * before the walk reaches them), and code that runs what no reader sees is unfollowed.
 */
export function walkBody(body: SyntaxNode, ctx: WalkCtx, mapper: ChainMapper): void {
  walkStatements(body, ctx, mapper);
  mapper.finish?.(ctx);
}

function walkStatements(body: SyntaxNode, ctx: WalkCtx, mapper: ChainMapper): void {
  const cursor = body.cursor();
  const end = body.to;
  // Branches PostgreSQL does not run (js-dialect-guard.ts), by where they start: not read at all.
  const skip = new Map<number, number>();
  const otherBranch = otherDatabaseBranches(body, ctx);
  bindFunctionConsts(body, ctx);
  let more = true;
  while (more && cursor.from < end) {
    if (skip.get(cursor.from) === cursor.to) {
      more = cursor.next(false);
      continue;
    }
    if (cursor.name === 'IfStatement' || cursor.name === 'SwitchStatement')
      for (const other of otherBranch(cursor.node)) {
        skip.set(other.from, other.to);
        if (!ctx.otherDatabase?.includes(other.line)) ctx.otherDatabase?.push(other.line);
      }
    visit(cursor.node, ctx, mapper);
    more = cursor.next();
  }
}

function visit(n: SyntaxNode, ctx: WalkCtx, mapper: ChainMapper): void {
  if (n.name === 'DynamicImport') {
    pushUnfollowed(ctx, n, 'import() loads a module at run time, whose code is not read');
    return;
  }
  if (n.name === 'this' && ctx.self !== undefined) {
    selfUse(n, ctx, mapper);
    return;
  }
  if (n.name !== 'VariableName') return;
  const name = text(n, ctx.src);
  if (name === 'arguments') {
    // The handle reached by position (`arguments[0].query(…)`), past the parameter the walk binds.
    pushUnfollowed(
      ctx,
      n.parent ?? n,
      '`arguments` reaches what the function was handed by position, which Slipway does not follow',
    );
    return;
  }
  if (ctx.db.has(name) || ctx.builders.at(name, n.from)) {
    const { segments, top } = chainFrom(n, ctx.src);
    const call = ctx.db.has(name) && segments.length === 0 ? localCallOf(n, ctx) : undefined;
    if (call) follow(call, ctx, mapper);
    else if (ctx.db.has(name)) mapper.db(n, segments, top, ctx);
    else mapper.builder(n, segments, top, ctx);
    return;
  }
  if (mapper.kept && ctx.kept?.at(name, n.from)) {
    const { segments, top } = chainFrom(n, ctx.src);
    mapper.kept(n, segments, top, ctx);
    return;
  }
  const what = DYNAMIC_CALLS[name];
  const parent = n.parent;
  if (
    what &&
    (parent?.name === 'CallExpression' || parent?.name === 'NewExpression') &&
    parent.firstChild?.from === n.from
  )
    pushUnfollowed(ctx, parent, what);
}

/**
 * `this` as the handle (MikroORM): the walked method's own `this` is a chain the mapper reads; a
 * nested function's or object method's `this` is another value, which may still be the migration
 * (`fn.call(this)`): said, not read.
 */
function selfUse(n: SyntaxNode, ctx: WalkCtx, mapper: ChainMapper): void {
  const scope = thisScopeOf(n);
  if (scope?.from !== ctx.self || scope?.name !== 'MethodDeclaration') {
    pushUnfollowed(ctx, n.parent ?? n, "`this` inside a nested function, which may not be the migration's");
    return;
  }
  const { segments, top } = chainFrom(n, ctx.src);
  mapper.db(n, segments, top, ctx);
}

/**
 * A function of this file handed the handle (js-local-calls.ts): its body read where it is called,
 * with its own parameter as the handle and its own constants (the module's, not the caller's).
 */
function follow(call: LocalCall, ctx: WalkCtx, mapper: ChainMapper): void {
  if (!('fn' in call)) {
    pushUnfollowed(ctx, call.call, call.what);
    return;
  }
  const body = call.fn.getChild('Block') ?? call.fn.lastChild;
  if (!body) return;
  const saved = { db: ctx.db, consts: ctx.consts, method: ctx.method, under: ctx.calledUnderCondition };
  ctx.db = new Set([call.param]);
  ctx.consts = new Map(ctx.moduleConsts);
  // A module function's `this` is not the migration: `this.m()` inside it is not followed.
  ctx.method = call.method ? call.fn.from : undefined;
  ctx.calledUnderCondition = saved.under === true || underCondition(call.call);
  ctx.followedCalls = (ctx.followedCalls ?? 0) + 1;
  ctx.followedChars = (ctx.followedChars ?? 0) + call.fn.to - call.fn.from;
  const following = ctx.following ?? [];
  ctx.following = following;
  following.push(call.name);
  ctx.calledBodies = ctx.calledBodies ?? [];
  ctx.calledBodies.push({
    name: call.name,
    lines: [ctx.lines.position(body.from).line, ctx.lines.position(body.to).line],
    call: ctx.lines.range(call.call.from, call.call.to),
  });
  walkStatements(body, ctx, mapper);
  following.pop();
  Object.assign(ctx, { db: saved.db, consts: saved.consts, method: saved.method });
  ctx.calledUnderCondition = saved.under;
}

/**
 * The constants a static string may use in this function: the module's `const NAME = '...'`, and
 * the function's own declared at the top of its body, each only when its name is declared once in
 * the scopes this function sees (its own, those around it, the module's). A name declared anywhere
 * else there too - a parameter, a nested function's, a block's,
 * a class expression's own name, a `let` - is unknown here, module constant or not: which binding a
 * use sees is not read (a parameter's default hiding the module's constant must not stand for it).
 * A file with a `with` statement has no constants at all (its object's properties hide any name).
 */
function bindFunctionConsts(body: SyntaxNode, ctx: WalkCtx): void {
  let top = body;
  while (top.parent) top = top.parent;
  const declared = new Map<string, number>();
  const topLevel = new Map<string, SyntaxNode>();
  const cursor = top.cursor();
  for (let more = true; more; more = cursor.next()) {
    if (cursor.name === 'WithStatement') {
      ctx.consts.clear();
      return;
    }
    // An enum's name is bound as a type definition (its members are read as `Enum.MEMBER`).
    const enumName = cursor.name === 'TypeDefinition' && cursor.node.parent?.name === 'EnumDeclaration';
    if (cursor.name !== 'VariableDefinition' && !enumName) continue;
    const d = cursor.node;
    // A declaration in a function beside this one (down's, beside up's) hides nothing here.
    const scope = scopeOf(d);
    if (scope && (scope.to <= body.from || scope.from >= body.to)) continue;
    const name = text(d, ctx.src);
    declared.set(name, (declared.get(name) ?? 0) + 1);
    const decl = d.parent;
    const atTop =
      decl?.name === 'VariableDeclaration' && decl.parent?.from === body.from && decl.parent.to === body.to;
    const equals = d.nextSibling?.name === 'TypeAnnotation' ? d.nextSibling.nextSibling : d.nextSibling;
    const value = equals?.name === 'Equals' ? equals.nextSibling : null;
    if (
      atTop &&
      decl?.firstChild?.name === 'const' &&
      (value?.name === 'String' || value?.name === 'TemplateString')
    )
      topLevel.set(name, value);
  }
  // `Status.ACTIVE` stands or falls with `Status`.
  for (const name of [...ctx.consts.keys()])
    if (declared.get(name.split('.')[0] as string) !== 1) ctx.consts.delete(name);
  for (const [name, value] of topLevel) if (declared.get(name) === 1) ctx.consts.set(name, value);
}

/** The handle used other than through a chain Slipway reads: passed, stored or returned bare. */
export function valueUse(root: SyntaxNode, top: SyntaxNode, ctx: WalkCtx, what: string): void {
  const node = top.parent && top.parent.name !== 'ExpressionStatement' ? top.parent : top;
  pushUnfollowed(
    ctx,
    node.name === 'ArgList' && node.parent ? node.parent : node,
    `${text(root, ctx.src)} ${what}`,
  );
}

const SCOPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunction',
  'MethodDeclaration',
  'ClassDeclaration',
  'ClassExpression',
]);

/**
 * The function or class a declaration binds in; undefined at the module's level. A function's or
 * class's declared name binds around it; an expression's own name (`class T {}` as a value) inside it.
 */
function scopeOf(d: SyntaxNode): SyntaxNode | undefined {
  let n = d.parent;
  if (n && (n.name === 'FunctionDeclaration' || n.name === 'ClassDeclaration')) n = n.parent;
  for (; n; n = n.parent) if (SCOPES.has(n.name)) return n;
  return undefined;
}
