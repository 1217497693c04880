import { appendAll } from '../../append-all.js';
import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { bySuffix, type DispatchedFunction } from '../../migrations/dispatch.js';
import { opsByFunction } from '../../migrations/ops-by-function.js';
import { changesSchema, type SchemaOp } from '../../migrations/schema-op.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import type { MigHistoryRule } from './facts/mig-facts.js';
import { priorObjectsOf } from './facts/object-history.js';
import { netSchemaUnchanged, type PriorObjects } from './facts/undone-in-upgrade.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG110: `downgrade()` empty while `upgrade()` changes the schema. */
export const emptyDowngrade: MigHistoryRule = {
  id: 'MIG110',
  name: 'empty-downgrade',
  family: 'MIG',
  // The history: an object dropped and made again is unchanged only if made as it was before.
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'empty downgrade',
  docs: {
    what:
      '`downgrade()` empty while `upgrade()` changes the schema. An upgrade() that undoes its own ' +
      'schema changes (a scratch table created, used and dropped; a trigger disabled and enabled ' +
      'again; a storage parameter or column option SET and RESET, SET STATISTICS n and back to -1, ' +
      "a table made UNLOGGED and LOGGED again, ALTER DATABASE or ROLE ... SET and RESET; a session's " +
      'own SET and RESET change no schema at all; a ' +
      'view, function, index, trigger or named constraint dropped and made again with the ' +
      'definition the revisions before it gave it, compared parsed, so case, spacing, OR REPLACE, ' +
      'CONCURRENTLY and NOT VALID do not count) needs no downgrade. One made again differently, dropped with CASCADE ' +
      "(what depends on it is gone), or whose earlier definition no revision shows, is a change. In Alembic's " +
      'multidb template each `upgrade_<db>()` is paired with its `downgrade_<db>()`. SQL that ' +
      "PostgreSQL's parser cannot read (another dialect's) counts as a schema change when it starts " +
      'with a DDL verb (CREATE, ALTER, DROP, RENAME, TRUNCATE, COMMENT); the finding says it could not be parsed.',
    why:
      '`downgrade()` is empty (`pass`) or missing while `upgrade()` changes the schema: `alembic ' +
      'downgrade` then reports success and changes nothing, and the database no longer matches its ' +
      'recorded revision.',
    fix:
      'Write the inverse operations, or make irreversibility explicit, which Slipway accepts: ' +
      '`raise NotImplementedError("irreversible: why")` in a Python migration, ' +
      '`throw new Error("irreversible: why")` in a JavaScript or TypeScript one.',
    suppress: suppressDocs('MIG110'),
    examples: [
      migrationExample(
        'flagged',
        'add_column_no_downgrade',
        'op.add_column("users", sa.Column("nickname", sa.String()))',
        'pass',
      ),
      migrationExample(
        'fine',
        'add_column_with_downgrade',
        'op.add_column("users", sa.Column("nickname", sa.String()))',
        'op.drop_column("users", "nickname")',
      ),
    ],
  },
  check(facts): Finding[] {
    const out: Finding[] = [];
    for (const { tree, module } of facts.reportModules) {
      // The history is read only when an upgrade() that would be reported drops or makes an
      // object: most never ask, and their checks sort no revisions.
      let prior: PriorObjects | undefined;
      const history: PriorObjects = (key) => {
        prior ??= priorObjectsOf(facts, tree, module);
        return prior(key);
      };
      appendAll(out, judgeModule(module, history));
    }
    return out;
  },
};

function judgeModule(m: MigrationModule, history: PriorObjects): Finding[] {
  const out: Finding[] = [];
  // Django writes the way back of its operations itself; those it cannot reverse are MIG140's.
  if (m.django) return out;
  // Data-only upgrades (UPDATE ... WHERE, INSERT, bulk_insert) change no schema to undo.
  if (m.upgrade?.shape !== 'ops' || !m.upgrade.ops.some(changesSchema)) return out;
  const upFns = m.upgrade.dispatched;
  const downFns = m.downgrade?.dispatched;
  if (upFns && downFns) return perDatabase(m.path, m.upgrade.ops, upFns, downFns, history);
  const down = m.downgrade;
  if (down && down.shape !== 'empty' && down.shape !== 'irreversible-without-reason') return out;
  // A scratch table created, used and dropped: the schema ends where it started.
  if (netSchemaUnchanged(m.upgrade.ops, history)) return out;
  const note = unparsedNote(m.upgrade.ops);
  if (!down) {
    out.push(
      findingOf(
        emptyDowngrade,
        m.path,
        m.upgrade.range,
        m.js
          ? `up changes the schema${note} but there is no down; add one that reverses it, or one that throws new Error("irreversible: why").`
          : `upgrade() changes the schema${note} but there is no downgrade(); add one that reverses it, or one that raises NotImplementedError("irreversible: why").`,
      ),
    );
  } else if (down.shape === 'empty') {
    out.push(
      findingOf(
        emptyDowngrade,
        m.path,
        down.range,
        m.js
          ? `down does nothing while up changes the schema${note}; write the inverse operations, or throw new Error("irreversible: why").`
          : `downgrade() does nothing while upgrade() changes the schema${note}; write the inverse operations, or raise NotImplementedError("irreversible: why").`,
      ),
    );
  } else {
    out.push(
      findingOf(
        emptyDowngrade,
        m.path,
        down.range,
        m.js
          ? 'down throws without saying why; give the reason: throw new Error("irreversible: why").'
          : 'downgrade() raises NotImplementedError without saying why; give the reason: raise NotImplementedError("irreversible: why").',
      ),
    );
  }
  return out;
}

/**
 * When the only schema changes are statements PostgreSQL's parser rejected (another dialect's
 * DDL), the finding says so: the judgement rests on the statement's first word.
 */
function unparsedNote(ops: readonly SchemaOp[]): string {
  const changes = ops.filter(changesSchema);
  if (changes.some((o) => o.kind !== 'unread_sql')) return '';
  const verbs = [...new Set(changes.map((o) => o.ddlVerb))].join('/');
  return ` (SQL starting with ${verbs} that could not be parsed, taken as a schema change)`;
}

/**
 * The multidb template: `upgrade_<x>` and `downgrade_<x>` are one database's pair, so an empty
 * `downgrade_engine1` is reported although `downgrade_engine2` has operations.
 */
function perDatabase(
  path: string,
  ops: readonly SchemaOp[],
  upFns: readonly DispatchedFunction[],
  downFns: readonly DispatchedFunction[],
  history: PriorObjects,
): Finding[] {
  const out: Finding[] = [];
  const byFunction = opsByFunction(ops);
  const downBySuffix = bySuffix(downFns);
  for (const up of upFns) {
    const mine = byFunction.get(up.name) ?? [];
    if (!mine.some(changesSchema)) continue;
    const downName = `downgrade_${up.suffix}`;
    const down = downBySuffix.get(up.suffix);
    if (down && down.shape !== 'empty' && down.shape !== 'irreversible-without-reason') continue;
    if (netSchemaUnchanged(mine, history)) continue;
    if (!down) {
      out.push(
        findingOf(
          emptyDowngrade,
          path,
          up.range,
          `${up.name}() changes the schema but there is no ${downName}(); add one that reverses it, or one that raises NotImplementedError("irreversible: why").`,
        ),
      );
    } else if (down.shape === 'empty') {
      out.push(
        findingOf(
          emptyDowngrade,
          path,
          down.range,
          `${down.name}() does nothing while ${up.name}() changes the schema; write the inverse operations, or raise NotImplementedError("irreversible: why").`,
        ),
      );
    } else if (down.shape === 'irreversible-without-reason') {
      out.push(
        findingOf(
          emptyDowngrade,
          path,
          down.range,
          `${down.name}() raises NotImplementedError without saying why; give the reason: raise NotImplementedError("irreversible: why").`,
        ),
      );
    }
  }
  return out;
}
