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
    const members = new Map<string, number>();
    for (const m of body.getChildren('MethodDeclaration')) {
      const def = m.getChild('PropertyDefinition');
      if (!def) continue;
      const name = text(def, src);
      members.set(name, (members.get(name) ?? 0) + 1);
      // `this.name` reaches an instance method, not a static one, a getter or a setter; a decorator
      // may put another function in its place.
      if (!['static', 'get', 'set', 'Decorator'].some((k) => m.getChild(k))) methods.set(name, m);
    }
    if (!methods.has('up')) continue;
    found.up = methods.get('up');
    found.down = methods.get('down');
    const className = cls.getChild('VariableDefinition');
    if (className) found.name = text(className, src);
    for (const p of body.getChildren('PropertyDeclaration')) {
      const def = p.getChild('PropertyDefinition');
      const key = def ? text(def, src) : '';
      members.set(key, (members.get(key) ?? 0) + 1);
      const value = def?.nextSibling?.name === 'Equals' ? def.nextSibling.nextSibling : null;
      if (key === 'transaction' && value && text(value, src) === 'false') found.autocommit = true;
      if (key === 'name' && value && /^['"`]/.test(text(value, src)))
        found.name = text(value, src).slice(1, -1);
    }
    // A name written twice (an overload's signature, a property of the same name), assigned
    // (`this.name = …`) or named in a string (`Object.defineProperty(this, 'name', …)`) may not be
    // the method written: not followed.
    found.methods = new Map([...methods].filter(([name]) => members.get(name) === 1 && !rebound(name, src)));
  }
  return found;
}

function rebound(name: string, src: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`\\.\\s*${escaped}\\s*(=[^=>]|[-+*/%&|^]=|\\?\\?=)|['"\`]${escaped}['"\`]`).test(src);
}
