import type { SchemaOp } from '../../migrations/schema-op.js';
import { allowHint, runner } from './facts/mig-facts.js';
import { type EarlierInRevision, opRule, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';

/**
 * What PostgreSQL drops along with each kind of object a DROP ... CASCADE names. A trigger is
 * missing on purpose: nothing depends on one, so its CASCADE takes nothing else.
 */
const DEPENDENTS: Readonly<Record<string, string>> = {
  view: 'the views and rules built on it',
  materialized_view: 'the views and materialized views built on it',
  function: 'the triggers, column defaults, constraints, indexes and views that call it',
  index: 'the foreign keys of other tables that rely on it (a unique index they reference)',
  constraint: 'the foreign keys of other tables that reference it (a unique or primary key)',
  sequence: 'the column defaults that draw from it (and the identity of what they number)',
  type: 'every column of that type, with its data, and the functions and views that use it',
  domain: 'every column of that domain, with its data',
  extension: 'every object it made, and every column of its types with its data',
};

/** Kinds whose CASCADE drops columns, and so data: an error, as dropping a column is (MIG002). */
const DROPS_DATA = new Set(['type', 'domain', 'extension']);

/** How a message names each kind. */
const KIND_WORD: Readonly<Record<string, string>> = { materialized_view: 'materialized view' };

/** The dropped object's kind when it is dropped with CASCADE and something can depend on it. */
function cascadedKind(op: SchemaOp): string | undefined {
  if (op.object?.made !== false || op.object.cascade !== true) return undefined;
  const kind = op.object.key.split(' ')[0] ?? '';
  return kind in DEPENDENTS ? kind : undefined;
}

/** `view "v"`, `constraint "uq" of "users"`: the object's kind and name, from its key. */
function objectPhrase(op: SchemaOp, kind: string): string {
  // Keys are `<kind> <schema>.<name>` (an index's: `index <name>`): the name is the last part.
  const name =
    (op.object?.key ?? '')
      .slice(kind.length + 1)
      .split('.')
      .pop() ?? '';
  return kind === 'constraint' && op.table
    ? `constraint "${name}" of "${op.table}"`
    : `${KIND_WORD[kind] ?? kind} "${name}"`;
}

/** Made earlier in this revision: whatever depends on it was made here too, and is in view. */
function madeEarlier(op: SchemaOp, earlier: EarlierInRevision): boolean {
  if (op.kind === 'drop_index') return op.index !== undefined && earlier.indexes.has(op.index.toLowerCase());
  return op.table !== undefined && tableCreatedEarlier(op, earlier);
}

/** MIG041: DROP ... CASCADE of an object others depend on, which drops them unseen. */
export const dropCascade = opRule(
  {
    id: 'MIG041',
    name: 'drop-cascade',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    title: 'DROP ... CASCADE of an object others depend on',
    docs: {
      what:
        '`upgrade()` (`op.execute`) or a .sql migration drops a view, materialized view, function, ' +
        'procedure, index, constraint or sequence with `CASCADE` (a warning), or a type, domain or ' +
        'extension with `CASCADE` (an error: PostgreSQL then drops every column of that type, with its ' +
        'data). Not `DROP TRIGGER ... CASCADE` (nothing depends on a trigger), not ' +
        'an index created or a constraint of a table created earlier in the same revision, not ' +
        '`downgrade()`. `DROP TABLE ... CASCADE` is MIG001 and `DROP SCHEMA ... CASCADE` MIG003.',
      why:
        'CASCADE makes PostgreSQL drop every object that depends on the one named, and name them only ' +
        'in a NOTICE nobody reads: a view the application queries, the trigger that keeps a column in ' +
        'step, the foreign keys of other tables, and for a type, a domain or an extension the columns ' +
        'declared with it and the data in them. The review sees one name; `downgrade()` recreates only ' +
        'that one; the application finds out in production.',
      fix:
        'Drop the dependents by name first, each in its own step the reviewer can see (and `downgrade()` ' +
        'can recreate), then drop the object without CASCADE: PostgreSQL then refuses (RESTRICT, the ' +
        'default) if anything still depends on it, instead of taking it along.',
      suppress: suppressDocs('MIG041'),
      examples: [
        migrationExample(
          'flagged',
          'drop_view_cascade',
          'op.execute("DROP VIEW active_users CASCADE")',
          'op.execute("CREATE VIEW active_users AS SELECT * FROM users WHERE active")',
        ),
        migrationExample(
          'fine',
          'drop_view',
          'op.execute("DROP VIEW active_users")',
          'op.execute("CREATE VIEW active_users AS SELECT * FROM users WHERE active")',
        ),
        sqlExample('flagged', 'drop_function_cascade', 'DROP FUNCTION touch_updated_at() CASCADE;'),
        sqlExample('flagged', 'drop_type_cascade', 'DROP TYPE order_status CASCADE;'),
        sqlExample(
          'fine',
          'drop_trigger_then_function',
          'DROP TRIGGER users_touch ON users;\nDROP FUNCTION touch_updated_at();',
        ),
      ],
    },
  },
  {
    exempt: (op, earlier) => madeEarlier(op, earlier),
    matches: (op) => cascadedKind(op) !== undefined,
    severity: (op) => (DROPS_DATA.has(cascadedKind(op) as string) ? 'error' : undefined),
    message: (op, file) => {
      const kind = cascadedKind(op) as string;
      return `${runner(file, op)} drops ${objectPhrase(op, kind)} with CASCADE, which also drops ${DEPENDENTS[kind]}, without naming them; drop them by name first, then this without CASCADE, or add ${allowHint(file, 'MIG041')}.`;
    },
  },
);
