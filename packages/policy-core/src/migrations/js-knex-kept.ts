import type { SyntaxNode } from '@lezer/common';
import { text, type WalkCtx } from './js-walk.js';

// A Knex query builder kept unrun in a name (`const q = knex('t').where(...)`) and run later
// through it (`await q.del()`). Knex's builder is one object changed in place by each call and run
// when awaited (lib/query/querybuilder.js: `where` pushes onto `this._statements`, returns `this`),
// so the statement that runs is the kept chain plus the calls made through the name. The walk
// follows such a name only where that is certain: a `const` (never rebound) declared once in the
// function (no other binding of the name there to confuse a use with it).

const SCOPES = new Set(['Block', 'ArrowFunction', 'FunctionExpression', 'FunctionDeclaration', 'Script']);
const FUNCTIONS = new Set([
  'ArrowFunction',
  'FunctionExpression',
  'FunctionDeclaration',
  'MethodDeclaration',
]);

/**
 * Where the declaration `name` (a VariableDefinition) binds a builder the walk may follow: from its
 * end to the end of its block, when it is a `const` and no other binding of the name is written in
 * its function. Undefined otherwise: the name's later calls are not followed.
 */
export function followableScope(name: SyntaxNode, ctx: WalkCtx): { from: number; to: number } | undefined {
  const decl = name.parent;
  if (name.name !== 'VariableDefinition' || decl?.name !== 'VariableDeclaration') return undefined;
  if (decl.firstChild?.name !== 'const') return undefined;
  let block = decl.parent;
  while (block && !SCOPES.has(block.name)) block = block.parent;
  let fn = decl.parent;
  while (fn && !FUNCTIONS.has(fn.name)) fn = fn.parent;
  const region = fn ?? block;
  if (!block || !region) return undefined;
  const own = text(name, ctx.src);
  let bindings = 0;
  const cursor = region.cursor();
  for (let more = true; more && cursor.from < region.to; more = cursor.next())
    if (cursor.name === 'VariableDefinition' && ctx.src.slice(cursor.from, cursor.to) === own) bindings++;
  return bindings === 1 ? { from: decl.to, to: block.to } : undefined;
}

/**
 * The name a chain's value is kept in unrun (`const q = knex('t').update(...)`, `q = ...`): not
 * awaited, returned or handed on, so later calls on the name may still change it.
 */
export function keptName(top: SyntaxNode): SyntaxNode | undefined {
  const p = top.parent;
  if (p?.name !== 'VariableDeclaration' && p?.name !== 'AssignmentExpression') return undefined;
  // The value's own `=`, then the name before it (past a type annotation): `q: Knex.QueryBuilder = ...`.
  const equals = top.prevSibling;
  if (equals?.name !== 'Equals') return undefined;
  let name = equals.prevSibling;
  if (name?.name === 'TypeAnnotation') name = name.prevSibling;
  return name?.name === 'VariableDefinition' || name?.name === 'VariableName' ? name : undefined;
}
