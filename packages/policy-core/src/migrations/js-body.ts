import type { SyntaxNode } from '@lezer/common';
import { otherDatabaseBranches } from './js-dialect-guard.js';
import { chainFrom, pushUnfollowed, type Segment, text, type WalkCtx } from './js-walk.js';

/** How one tool reads a chain that starts at the database handle or at a table builder. */
export interface ChainMapper {
  db(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void;
  builder(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void;
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
    if (cursor.name === 'IfStatement') {
      const other = otherBranch(cursor.node);
      if (other) {
        skip.set(other.from, other.to);
        ctx.otherDatabase?.push(other.line);
      }
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
  if (n.name !== 'VariableName') return;
  const name = text(n, ctx.src);
  if (ctx.db.has(name) || ctx.builders.has(name)) {
    const { segments, top } = chainFrom(n, ctx.src);
    if (ctx.db.has(name)) mapper.db(n, segments, top, ctx);
    else mapper.builder(n, segments, top, ctx);
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
 * The function's own constants, and the module's it hides: `const NAME = '...'` declared once, at
 * the top of the body, is a string its SQL may use (`${NAME}`). Any other declaration of a name
 * anywhere in the function (a parameter, a nested function's, a block's, a `let`) makes it unknown
 * there, module constant or not: which binding a use sees is not read (a module constant hidden by
 * a parameter's default must not stand for it).
 */
function bindFunctionConsts(body: SyntaxNode, ctx: WalkCtx): void {
  const fn = body.parent ?? body;
  const declared = new Map<string, number>();
  const topLevel = new Map<string, SyntaxNode>();
  const cursor = fn.cursor();
  // The function's own nodes only: a cursor runs on past its end, into the next function.
  for (let more = true; more && cursor.from < fn.to; more = cursor.next()) {
    if (cursor.name !== 'VariableDefinition') continue;
    const d = cursor.node;
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
  for (const [name, count] of declared) {
    const value = topLevel.get(name);
    if (count === 1 && value) ctx.consts.set(name, value);
    else ctx.consts.delete(name);
  }
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
