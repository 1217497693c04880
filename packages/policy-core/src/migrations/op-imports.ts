import type { SyntaxNode } from '@lezer/common';
import { OP, type OpRef } from './op-reach.js';

// What a revision's imports bind, as far as reaching `op` goes (op-reach.ts): `op` itself under
// another name, a method of op, a module of the application whose code Slipway does not read,
// importlib. And the builtins that run code built at run time.

/** Builtins that run code built at run time, or reach any object by a computed name. */
export const DYNAMIC_BUILTINS: ReadonlyMap<string, string> = new Map([
  ['exec', 'exec() runs code built at run time'],
  ['eval', 'eval() runs code built at run time'],
  ['compile', 'compile() builds code at run time'],
  ['__import__', '__import__() imports a module chosen at run time'],
  ['globals', 'globals() reaches a function or value by a computed name'],
  ['locals', 'locals() reaches a value by a computed name'],
  ['vars', 'vars() reaches a value by a computed name'],
]);

/**
 * Modules whose functions are libraries, not the application (Python's own, SQLAlchemy's,
 * Alembic's): a call into them is not recorded. Anything else imported is recorded, and MIG042
 * reports it when the module is a file of the repository.
 */
const LIBRARY_ROOTS = new Set(
  (
    'sqlalchemy sqlmodel alembic typing typing_extensions datetime uuid json logging os re enum ' +
    'decimal collections itertools functools textwrap time sys pathlib hashlib warnings dataclasses ' +
    'contextlib __future__ math random string copy csv io base64 operator pprint secrets zoneinfo ' +
    'pytz dateutil'
  ).split(' '),
);

/**
 * What a module-level import binds (`from alembic import op as x`, `import alembic`,
 * `from app.db import helper`), each name with its ref; a name bound to no ref of interest is
 * listed with undefined (it shadows whatever it was before).
 */
export function importRefs(stmt: SyntaxNode, src: string): [string, OpRef | undefined][] {
  const text = (n: SyntaxNode) => src.slice(n.from, n.to);
  const kids: SyntaxNode[] = [];
  for (let c = stmt.firstChild; c; c = c.nextSibling) kids.push(c);
  const out: [string, OpRef | undefined][] = [];
  if (kids[0]?.name === 'from') {
    let i = 1;
    let level = 0;
    const path: string[] = [];
    for (; i < kids.length && kids[i]?.name !== 'import'; i++) {
      const k = kids[i] as SyntaxNode;
      if (k.name === 'VariableName') path.push(text(k));
      else if (path.length === 0) level += text(k).length; // `.`, `..` or `...` before the module
    }
    const module = path.join('.');
    for (i++; i < kids.length; i++) {
      const k = kids[i] as SyntaxNode;
      if (k.name !== 'VariableName') continue;
      const name = text(k);
      const as = kids[i + 1]?.name === 'as' ? kids[i + 2] : undefined;
      if (as) i += 2;
      out.push([as ? text(as) : name, fromImportRef(module, level, name)]);
    }
    return out;
  }
  // `import a.b as c, d.e`: `c` is the module a.b; `d` (bound by `import d.e`) is d.
  for (let i = 1; i < kids.length; i++) {
    const path: string[] = [];
    for (; i < kids.length && kids[i]?.name !== ',' && kids[i]?.name !== 'as'; i++)
      if (kids[i]?.name === 'VariableName') path.push(text(kids[i] as SyntaxNode));
    if (path.length === 0) continue;
    if (kids[i]?.name === 'as') {
      const alias = kids[i + 1];
      i += 2;
      if (alias) out.push([text(alias), moduleRef(path.join('.'))]);
    } else out.push([path[0] as string, moduleRef(path[0] as string)]);
  }
  return out;
}

function moduleRef(module: string): OpRef | undefined {
  if (module === 'alembic.op') return OP;
  if (module === 'importlib') return { kind: 'module', module, level: 0 };
  const root = module.split('.')[0] as string;
  return root !== 'alembic' && LIBRARY_ROOTS.has(root) ? undefined : { kind: 'module', module, level: 0 };
}

function fromImportRef(module: string, level: number, name: string): OpRef | undefined {
  if (level === 0 && module === 'alembic') return name === 'op' ? OP : undefined;
  if (level === 0 && module === 'alembic.op') return { kind: 'method', method: name };
  if (level === 0 && module === 'importlib')
    return { kind: 'dynamic', what: `importlib.${name} imports a module chosen at run time` };
  if (level === 0 && LIBRARY_ROOTS.has(module.split('.')[0] as string)) return undefined;
  return { kind: 'imported', module, level, name };
}
