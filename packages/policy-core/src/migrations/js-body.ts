import type { SyntaxNode } from '@lezer/common';
import { holdsOnPostgresJs } from './js-dialect-guard.js';
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
  let more = true;
  while (more && cursor.from < end) {
    if (skip.get(cursor.from) === cursor.to) {
      more = cursor.next(false);
      continue;
    }
    if (cursor.name === 'IfStatement') otherDatabaseBranch(cursor.node, body, ctx, skip);
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
 * `if (knex.client.config.client.includes('sqlite3')) { … } else { … }`: the branch PostgreSQL
 * does not run is skipped (its from/to put in `skip`) and its line noted for trace.
 */
function otherDatabaseBranch(
  node: SyntaxNode,
  body: SyntaxNode,
  ctx: WalkCtx,
  skip: Map<number, number>,
): void {
  const test = node.getChild('ParenthesizedExpression');
  if (!test) return;
  const holds = holdsOnPostgresJs(test, ctx.src, ctx.db, (name) => constValue(body, name, ctx.src));
  if (holds === undefined) return;
  const consequent = test.nextSibling;
  const elseKeyword = node.getChild('else');
  const alternate = elseKeyword?.nextSibling;
  const branch = holds ? alternate : consequent;
  if (!branch) return;
  skip.set(branch.from, branch.to);
  ctx.otherDatabase?.push(ctx.lines.position((holds ? elseKeyword : branch)?.from ?? branch.from).line + 1);
}

/** `const name = value` among the statements of `body` (not in nested blocks): its value. */
function constValue(body: SyntaxNode, name: string, src: string): SyntaxNode | undefined {
  for (const d of body.getChildren('VariableDeclaration')) {
    if (d.firstChild?.name !== 'const') continue;
    for (let c: SyntaxNode | null = d.firstChild; c; c = c.nextSibling)
      if (c.name === 'VariableDefinition' && text(c, src) === name) {
        const eq = c.nextSibling;
        return eq?.name === 'Equals' ? (eq.nextSibling ?? undefined) : undefined;
      }
  }
  return undefined;
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
