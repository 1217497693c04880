import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { type MigrationModule, parsePython, syntaxFacts } from './alembic-module.js';
import { type DjangoOperation, readOperations } from './django-operation.js';
import type { DjangoFacts, DjangoRef } from './django-facts.js';
import { type ModuleBindings, moduleBindings } from './django-run-python-models.js';

export type { DjangoFacts, DjangoRef };
import type { Unfollowed } from './op-reach.js';
import { collectionItems, staticValue } from './python-syntax.js';

/**
 * Reads one Django migration file (`<app>/migrations/0002_x.py`) into the model the MIG rules
 * judge: `revision` its name, `downRevision` its dependencies in the same app, `upgrade` its
 * operations (whose ops the history's state fills in, django-state.ts). Never throws.
 */
export function readDjangoModule(path: string, src: string, app: string): MigrationModule {
  const lines = new LineIndex(src);
  const tree = parsePython(src);
  const module: MigrationModule = { path, isMigration: false, header: {}, ...syntaxFacts(tree, src, lines) };
  const cls = migrationClass(tree.topNode, src);
  if (!cls) {
    // Django refuses a module of the folder without a Migration (BadMigrationError); one made
    // otherwise (inside an `if`, by `type()`) would run operations nothing read.
    if (!module.syntaxError)
      Object.assign(module, {
        refused: true,
        syntaxError: {
          value:
            `${path} has no \`class Migration\` at module level: Django refuses a migrations module without one ` +
            '(BadMigrationError), and one defined otherwise (inside an `if`, by `type()`) is not followed, so nothing in it ' +
            'was checked; define `class Migration(migrations.Migration):` at the top level, or move the file out of the folder.',
          range: lines.lineRange(0),
        },
      });
    return module;
  }
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const classLine = lines.lineRange(lines.position(cls.from).line);
  const unfollowed: Unfollowed[] = [];
  const facts: DjangoFacts = { app, operations: [], atomic: true, crossApp: [], runBefore: [], replaces: [] };
  module.isMigration = true;
  module.revision = { value: name, range: classLine };
  module.downRevision = { values: [], range: classLine, dynamic: false };
  let bindings: ModuleBindings | undefined;
  const moduleNames = () => {
    bindings ??= moduleBindings(tree.topNode, src);
    return bindings;
  };
  const body = cls.getChild('Body');
  for (let stmt = body?.firstChild ?? null; stmt; stmt = stmt.nextSibling) {
    const target = stmt.firstChild;
    const attr = target?.name === 'VariableName' ? src.slice(target.from, target.to) : undefined;
    const value = stmt.lastChild;
    if (stmt.name !== 'AssignStatement' || !value || value === target) {
      // `operations += [...]`, `operations.append(...)`, a loop filling it: not followed.
      if (/\boperations\b/.test(src.slice(stmt.from, stmt.to)) && stmt.name !== 'Comment')
        unfollowed.push({
          range: lines.lineRange(lines.position(stmt.from).line),
          construct: src.slice(stmt.from, Math.min(stmt.to, stmt.from + 60)).replace(/\s+/g, ' '),
          what: 'the operations list changed by code at class level',
        });
      continue;
    }
    const range = lines.range(stmt.from, value.to);
    switch (attr) {
      case 'operations':
        facts.operations = readOperations(value, { src, lines, unfollowed, bindings: moduleNames });
        break;
      case 'atomic':
        facts.atomic = staticValue(value, src) !== false;
        break;
      case 'dependencies': {
        const refs = refsOf(value, src, range);
        if (refs === undefined) module.downRevision = { values: [], range, dynamic: true };
        else {
          const same = refs.filter((r) => r.app === app && !r.name.startsWith('__')).map((r) => r.name);
          module.downRevision = { values: same, range, dynamic: false };
          facts.crossApp = refs.filter((r) => r.app !== app);
        }
        break;
      }
      case 'run_before':
        facts.runBefore = refsOf(value, src, range) ?? [];
        break;
      case 'replaces':
        facts.replaces = refsOf(value, src, range) ?? [];
        break;
    }
  }
  // `Migration.operations = OTHER` (or a second `Migration`) after the class: what Django loads
  // is not what the class says.
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt === cls || stmt.name === 'ImportStatement' || stmt.name === 'Comment') continue;
    if (stmt.from > cls.from && /\bMigration\b/.test(src.slice(stmt.from, stmt.to)))
      unfollowed.push({
        range: lines.lineRange(lines.position(stmt.from).line),
        construct: src.slice(stmt.from, Math.min(stmt.to, stmt.from + 60)).replace(/\s+/g, ' '),
        what: 'the Migration class changed or replaced at module level, after its definition',
      });
  }
  markRunSql(facts.operations, facts.atomic);
  module.django = facts;
  module.upgrade = { range: classLine, shape: 'ops', ops: [], ...(unfollowed.length ? { unfollowed } : {}) };
  return module;
}

/**
 * RunSQL's statements run as Django runs the migration: in its transaction, or each on its own
 * when `atomic = False`. Marked once here, so the state's replay (django-state.ts) shares them.
 */
function markRunSql(operations: readonly DjangoOperation[], atomic: boolean): void {
  for (const o of operations) {
    for (const s of o.sql ?? []) {
      s.django = true;
      if (!atomic) s.inAutocommit = true;
    }
    markRunSql(o.database ?? [], atomic);
  }
}

/** The module-level `class Migration(...)`. */
function migrationClass(top: SyntaxNode, src: string): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt.name !== 'ClassDefinition') continue;
    const name = stmt.getChild('VariableName');
    if (name && src.slice(name.from, name.to) === 'Migration') found = stmt;
  }
  return found;
}

/**
 * `[("auth", "0001_initial"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]`: the
 * literal pairs (a swappable dependency names a setting, no migration: left out); undefined when
 * the list itself is not a literal.
 */
function refsOf(node: SyntaxNode, src: string, range: Range): DjangoRef[] | undefined {
  if (node.name !== 'ArrayExpression' && node.name !== 'TupleExpression') return undefined;
  const out: DjangoRef[] = [];
  for (const item of collectionItems(node)) {
    const v = staticValue(item, src);
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      out.push({ app: v[0], name: v[1], range });
  }
  return out;
}
