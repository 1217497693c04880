import type { SyntaxNode } from '@lezer/common';
import type { Found } from './js-found.js';
import { text } from './js-walk.js';

/** TypeORM's migration class: the exported class with an `up` method. */
export function typeormClass(top: readonly SyntaxNode[], src: string): Found {
  const found: Found = { opaque: [], autocommit: false };
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
    if (!methods.has('up')) continue;
    found.up = methods.get('up');
    found.down = methods.get('down');
    const className = cls.getChild('VariableDefinition');
    if (className) found.name = text(className, src);
    for (const p of body.getChildren('PropertyDeclaration')) {
      const def = p.getChild('PropertyDefinition');
      const key = def ? text(def, src) : '';
      const value = def?.nextSibling?.name === 'Equals' ? def.nextSibling.nextSibling : null;
      if (key === 'transaction' && value && text(value, src) === 'false') found.autocommit = true;
      if (key === 'name' && value && /^['"`]/.test(text(value, src)))
        found.name = text(value, src).slice(1, -1);
    }
  }
  return found;
}
