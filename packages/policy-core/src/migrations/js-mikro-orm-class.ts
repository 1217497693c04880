import type { SyntaxNode } from '@lezer/common';
import { text } from './js-walk.js';

/** A MikroORM migration class as the reader needs it (js-module.ts). */
export interface MikroOrmClass {
  up?: SyntaxNode;
  down?: SyntaxNode;
  /** `isTransactional()` returns false: the runner sends its queries outside any transaction. */
  autocommit: boolean;
  /** What of the class decides how it runs and is not read: said at `up` (MIG042). */
  unread: { node: SyntaxNode; what: string }[];
}

/**
 * The file's migration class: the first at its top level (declared, exported, or assigned to
 * `exports`) with an `up` method. MikroORM's MigrationRunner runs a migration in a transaction
 * when the Migrator's `transactional` is on (its default) and the class's `isTransactional()`
 * returns true, which Migration's own does (packages/migrations/src/MigrationRunner.ts `run`,
 * Migration.ts, v6.6.16 and v7.1.13); a method returning a literal `false` runs it outside one.
 * One that decides otherwise, or a base class other than `Migration` that may, is said, not guessed.
 */
export function mikroOrmClass(top: readonly SyntaxNode[], src: string): MikroOrmClass {
  const found: MikroOrmClass = { autocommit: false, unread: [] };
  for (const s of top) {
    let cls: SyntaxNode | null =
      s.name === 'ClassDeclaration'
        ? s
        : s.name === 'ExportDeclaration'
          ? s.getChild('ClassDeclaration')
          : null;
    if (!cls && s.name === 'ExpressionStatement')
      cls = s.getChild('AssignmentExpression')?.getChild('ClassExpression') ?? null;
    const body = cls?.getChild('ClassBody');
    if (!cls || !body) continue;
    const methods = new Map<string, SyntaxNode>();
    for (const m of body.getChildren('MethodDeclaration')) {
      const def = m.getChild('PropertyDefinition');
      if (def) methods.set(text(def, src), m);
    }
    const up = methods.get('up');
    if (!up) continue;
    found.up = up;
    const down = methods.get('down');
    if (down) found.down = down;
    const base = cls.getChild('extends')?.nextSibling;
    if (!base || text(base, src) !== 'Migration')
      found.unread.push({
        node: base ?? cls,
        what: base
          ? `the class extends \`${text(base, src).slice(0, 40)}\`, not MikroORM's Migration, and what that class does (its isTransactional(), its own methods) is not read`
          : "the class extends no Migration, so what `this` holds is not MikroORM's migration",
      });
    const transactional = methods.get('isTransactional');
    if (transactional) {
      const said = returnedBoolean(transactional, src);
      if (said === false) found.autocommit = true;
      else if (said === undefined)
        found.unread.push({
          node: transactional,
          what: "isTransactional() decides at run time whether the migration runs in a transaction; read as in one (MikroORM's default)",
        });
    }
    for (const p of body.getChildren('PropertyDeclaration')) {
      const def = p.getChild('PropertyDefinition');
      if (def && text(def, src) === 'isTransactional')
        found.unread.push({
          node: p,
          what: "isTransactional set as a property, which Slipway does not read; read as in a transaction (MikroORM's default)",
        });
    }
    return found;
  }
  return found;
}

/** A method whose body is only `return true;` or `return false;` (comments aside): that value. */
function returnedBoolean(method: SyntaxNode, src: string): boolean | undefined {
  const block = method.getChild('Block');
  const inner = block
    ? text(block, src)
        .slice(1, -1)
        .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
        .trim()
    : '';
  const said = /^return\s+(true|false)\s*;?$/.exec(inner);
  return said ? said[1] === 'true' : undefined;
}
