import { noteModuleStatement } from './name-binding.js';
import type { SyntaxNode } from '@lezer/common';

/**
 * A Django data migration (`RunPython`) that reaches the application's model class through an
 * import (`from shop.models import Order` … `Order.objects.update(...)`) instead of
 * `apps.get_model("shop", "Order")` runs against the model as the code is today, not as it was at
 * that migration: once a later migration adds a field, the query names a column the database does
 * not have yet when the two run in one deploy, and replaying the history (a new database, the
 * test database) breaks. Read here from the migration file itself, with no Python process: the
 * functions `RunPython` names that the file defines, and the module-level functions they call;
 * a use is a manager reached through the imported name (`Order.objects`, `_default_manager`,
 * `_base_manager`), as django-migration-linter reads it: a call of an imported name is not taken
 * for a model (a helper or a TextChoices class of the same module would be a false alarm).
 */

/** A use of an imported model inside a RunPython function. */
export interface ModelImportUse {
  /** The model as written (`Order`, `models.Order`). */
  model: string;
  /** The dotted path it comes from (`shop.models.Order`). */
  path: string;
  /** Where it is used: the `Order.objects` in the function's body. */
  from: number;
  to: number;
  /** The function it is used in. */
  fn: string;
}

/** What a migration module binds at its top level: its functions and its imported names. */
export interface ModuleBindings {
  functions: Map<string, SyntaxNode>;
  /** Names the module binds once to a value (null: more than once), as name-binding.ts reads them. */
  names: Map<string, SyntaxNode | null>;
  /** Local name → the dotted path it was imported from (`Order` → `shop.models.Order`). */
  imports: Map<string, string>;
}

const MANAGERS = new Set(['objects', '_default_manager', '_base_manager']);
// Every reader has a limit: a function body is walked up to this many nodes.
const MAX_NODES = 200_000;

export function moduleBindings(top: SyntaxNode, src: string): ModuleBindings {
  const b: ModuleBindings = { functions: new Map(), names: new Map(), imports: new Map() };
  for (let s = top.firstChild; s; s = s.nextSibling) {
    noteModuleStatement(s, src, b.names);
    // A decorated function is a function of the module all the same.
    const def = s.name === 'DecoratedStatement' ? s.getChild('FunctionDefinition') : s;
    if (def?.name === 'FunctionDefinition') {
      const name = def.getChild('VariableName');
      if (name) b.functions.set(src.slice(name.from, name.to), def);
    } else if (s.name === 'ImportStatement') for (const [k, v] of importedNames(s, src)) b.imports.set(k, v);
  }
  return b;
}

/** `from a.b import C as D` → D: a.b.C; `import a.b` → a: a; `import a.b as m` → m: a.b. */
function importedNames(stmt: SyntaxNode, src: string): [string, string][] {
  const kids: SyntaxNode[] = [];
  for (let c = stmt.firstChild; c; c = c.nextSibling) kids.push(c);
  const text = (n: SyntaxNode | undefined) => (n ? src.slice(n.from, n.to) : '');
  const out: [string, string][] = [];
  let i = 0;
  let base = '';
  if (kids[0]?.name === 'from') {
    for (i = 1; i < kids.length && kids[i]?.name !== 'import'; i++) base += text(kids[i]);
    for (i++; i < kids.length; i++) {
      if (kids[i]?.name !== 'VariableName') continue;
      const name = text(kids[i]);
      const alias = kids[i + 1]?.name === 'as' ? text(kids[i + 2]) : undefined;
      if (alias !== undefined) i += 2;
      out.push([alias ?? name, `${base}.${name}`]);
    }
    return out;
  }
  for (i = 1; i < kids.length; i++) {
    const path: string[] = [];
    for (; i < kids.length && kids[i]?.name !== ',' && kids[i]?.name !== 'as'; i++)
      if (kids[i]?.name === 'VariableName') path.push(text(kids[i]));
    if (path.length === 0) continue;
    if (kids[i]?.name === 'as') {
      out.push([text(kids[i + 1]), path.join('.')]);
      i += 1;
    } else out.push([path[0] as string, path[0] as string]);
  }
  return out;
}

/**
 * The imported models the functions named `fnNames` (and the module-level functions they call)
 * use; empty when the file does not define it (a function imported from elsewhere is not read).
 */
export function modelImportUses(fnNames: string[], b: ModuleBindings, src: string): ModelImportUse[] {
  const out: ModelImportUse[] = [];
  // Each function once, though both the code and the reverse_code reach it.
  const seen = new Set<string>();
  const queue = [...fnNames];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const fn = b.functions.get(name);
    if (fn === undefined || seen.has(name)) continue;
    seen.add(name);
    const locals = localNames(fn, src);
    // `from shop.models import Order` inside the function is the same model class.
    const imports = new Map(b.imports);
    walk(fn, (node) => {
      if (node.name === 'ImportStatement') for (const [k, v] of importedNames(node, src)) imports.set(k, v);
    });
    walk(fn, (node) => {
      if (node.name === 'MemberExpression') {
        const prop = node.lastChild;
        if (prop?.name !== 'PropertyName' || !MANAGERS.has(src.slice(prop.from, prop.to))) return;
        const model = chainText(node.firstChild, src);
        const root = model?.split('.')[0];
        const path = root === undefined || locals.has(root) ? undefined : imports.get(root);
        if (model && root && path !== undefined)
          out.push({ model, path: path + model.slice(root.length), from: node.from, to: node.to, fn: name });
      } else if (node.name === 'CallExpression') {
        // A module-level function it calls is read too (a helper doing the work).
        const callee = node.firstChild;
        if (callee?.name !== 'VariableName') return;
        const called = src.slice(callee.from, callee.to);
        if (!locals.has(called) && b.functions.has(called)) queue.push(called);
      }
    });
  }
  return out;
}

/** `a.b.C` of a chain of names; undefined for anything else (a call, a subscript). */
function chainText(node: SyntaxNode | null, src: string): string | undefined {
  if (node?.name === 'VariableName') return src.slice(node.from, node.to);
  if (node?.name !== 'MemberExpression') return undefined;
  const left = chainText(node.firstChild, src);
  const prop = node.lastChild;
  return left && prop?.name === 'PropertyName' ? `${left}.${src.slice(prop.from, prop.to)}` : undefined;
}

/**
 * Names the function binds itself (parameters, assignment targets of every form, the walrus, loop,
 * `with ... as` and comprehension variables, nested functions and classes), wherever they stand:
 * such a name is never the imported model (Python's own reading: a name stored to in a function is
 * local to it, scripts/django-oracle.py reads the same with `ast`).
 */
function localNames(fn: SyntaxNode, src: string): Set<string> {
  const names = new Set<string>();
  const add = (n: SyntaxNode | null) => {
    if (n?.name === 'VariableName') names.add(src.slice(n.from, n.to));
    // `(a, b) = …`, `[a, b] = …`, `for (a, b) in …`: each name of the target.
    else if (n && TARGET_GROUPS.has(n.name)) for (let c = n.firstChild; c; c = c.nextSibling) add(c);
  };
  walk(fn, (node) => {
    switch (node.name) {
      case 'ParamList':
        // A parameter's name, not its default's value (`model=Order` binds `model`).
        for (let c = node.firstChild; c; c = c.nextSibling)
          if (c.prevSibling?.name !== 'AssignOp') add(c.name === 'VariableName' ? c : null);
        break;
      case 'AssignStatement': {
        // Every target before the last `=` (`a = b = …` binds both).
        let last: SyntaxNode | null = null;
        for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === 'AssignOp') last = c;
        for (let c = node.firstChild; c && c !== last; c = c.nextSibling) add(c);
        break;
      }
      case 'NamedExpression':
        add(node.firstChild);
        break;
      case 'FunctionDefinition':
      case 'ClassDefinition':
        if (node !== fn) add(node.getChild('VariableName'));
        break;
      default:
        // `for x, y in`, `with f() as x`, `except E as x`, comprehensions: names after the keyword.
        if (node.name === 'for' || (node.name === 'as' && node.parent?.name !== 'ImportStatement'))
          for (let c = node.nextSibling; c && c.name !== 'in' && c.name !== ':'; c = c.nextSibling) {
            add(c);
            if (node.name === 'as') break;
          }
    }
  });
  return names;
}

const TARGET_GROUPS = new Set(['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression']);

function walk(root: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [root];
  for (let n = 0; stack.length > 0 && n < MAX_NODES; n++) {
    const node = stack.pop() as SyntaxNode;
    visit(node);
    for (let c = node.lastChild; c; c = c.prevSibling) stack.push(c);
  }
}
