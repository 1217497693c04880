import type { Finding } from '../../../finding.js';
import { upgradeOrder } from '../../../migrations/graph-order.js';
import { lockModeOf } from '../../../migrations/lock-mode.js';
import { mikroOrmMigrator } from '../../../migrations/mikro-orm-config.js';
import type { RevisionNode } from '../../../migrations/revision-graph.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import { findingOf } from '../../../rule.js';
import { CreatedTables } from './created-tables.js';
import { allowHint, type MigFacts, type MigFileRule, opFile, quote } from './mig-facts.js';
import { TablesBefore } from './guarded-table-history.js';
import type { Existed } from './work-under-lock.js';

/**
 * A per-file rule about locks held until commit that also judges a MikroORM batch: under the
 * Migrator's `allOrNothing` (on by default, mikro-orm-config.ts) every pending migration of a
 * folder runs in one transaction, so an ACCESS EXCLUSIVE lock one of them takes is held until the
 * last of them commits. `work` says what a statement does to rows under it (MIG044's own test).
 */
export interface BatchLockRule extends MigFileRule {
  batch: { work(op: SchemaOp, existed: Existed): string | undefined };
}

interface Held {
  op: SchemaOp;
  file: string;
  table: string;
  key: string;
}

/** The locks the earlier migrations of the batch hold, as one migration's statements ask them. */
interface HeldBefore {
  /** The lock on the table `key`, if one is held. */
  on(key: string | undefined): Held | undefined;
  /** The first lock taken on another table than `key`. */
  other(key: string | undefined): Held | undefined;
}

/**
 * The batch's ACCESS EXCLUSIVE locks, one per table, in the order taken, indexed by table: each
 * statement asks them in constant time (a batch of thousands of migrations asks thousands of times).
 */
class HeldLocks {
  private readonly list: Held[] = [];
  private readonly at = new Map<string, number>();

  get size(): number {
    return this.list.length;
  }

  has(key: string): boolean {
    return this.at.has(key);
  }

  add(held: Held): void {
    this.at.set(held.key, this.list.length);
    this.list.push(held);
  }

  /** The first `count` locks taken: those of the migrations before one. */
  before(count: number): HeldBefore {
    return {
      on: (key) => {
        const i = key === undefined ? undefined : this.at.get(key);
        return i !== undefined && i < count ? this.list[i] : undefined;
      },
      // One lock per table: of the first two, one is on another table.
      other: (key) => this.list.slice(0, Math.min(2, count)).find((h) => h.key !== key),
    };
  }
}

/**
 * The findings of a batch (BatchLockRule): in each MikroORM folder, the pending migrations (those
 * the per-file rules judge: facts.inScope) in the order the Migrator runs them; each later one's
 * first statement that works rows while an earlier one's ACCESS EXCLUSIVE lock on a table the batch
 * did not create is held, or that runs outside the batch's transaction (isTransactional() false)
 * on a table so locked, and so waits for a lock held until it is done: the run hangs. What the
 * config says, or could not be read, is a scope note.
 */
export function addBatchLockFindings(
  facts: MigFacts,
  findings: Finding[],
  fileRules: readonly MigFileRule[],
): void {
  const rule = fileRules.find((r): r is BatchLockRule => 'batch' in r);
  const trees = facts.analysis.trees.filter((t) => t.js === 'mikro_orm');
  if (!rule || trees.length === 0) return;
  const migrator = mikroOrmMigrator(facts.ctx.repo);
  facts.history.notes.push(...migrator.notes);
  if (!migrator.batch) return;
  for (const tree of trees) {
    const pending = upgradeOrder(tree.graph)
      .map((rev) => tree.graph.get(rev))
      .filter(
        (n): n is RevisionNode =>
          n?.module.isMigration === true && !n.module.parseRecovered && facts.inScope(n.file),
      );
    if (pending.length > 1) judgeBatch(facts, rule, pending, findings);
  }
}

function judgeBatch(
  facts: MigFacts,
  rule: BatchLockRule,
  pending: readonly RevisionNode[],
  out: Finding[],
): void {
  const created = new CreatedTables();
  const existed: Existed = (table, schema): table is string =>
    table !== undefined && created.existed(table, schema);
  const held = new HeldLocks();
  for (const node of pending) {
    // Locks of earlier migrations only: those of the same one are the per-file rule's.
    const before = held.size;
    const earlier = held.before(before);
    let reported = false;
    const history = new TablesBefore(facts, node.file);
    for (const op of node.upgradeOps) {
      if (op.back) {
        history.note(op);
        continue;
      }
      if (!reported && before > 0) {
        const f = batchFinding(rule, node.file, op, earlier, existed);
        if (f) {
          out.push(f);
          reported = true;
        }
      }
      created.note(op);
      // CREATE TABLE IF NOT EXISTS of a table no migration before made: new (guarded-table-history.ts).
      if (op.createdIfMissing && 'new' in history.of(op)) created.note({ ...op, kind: 'create_table' });
      history.note(op);
      const key = tableKey(op);
      if (
        !op.inAutocommit &&
        key !== undefined &&
        lockModeOf(op) === 'AccessExclusiveLock' &&
        existed(op.table, op.schema) &&
        !held.has(key)
      )
        held.add({ op, file: node.file, table: op.table as string, key });
    }
  }
}

const BATCH =
  "MikroORM's `allOrNothing` (on by default) runs every pending migration in one transaction, which releases no lock until the last of them commits";

function batchFinding(
  rule: BatchLockRule,
  file: string,
  op: SchemaOp,
  held: HeldBefore,
  existed: Existed,
): Finding | undefined {
  const at = opFile(op, file);
  const key = tableKey(op.copiedFrom ?? op);
  const own = held.on(key);
  const took = (h: Held) =>
    `the ACCESS EXCLUSIVE lock ${h.op.label} took on ${quote(h.table)} in ${h.file} (line ${h.op.range.start.line + 1})`;
  const related = (h: Held) => [
    {
      file: opFile(h.op, h.file),
      range: h.op.range,
      message: `the ACCESS EXCLUSIVE lock on ${quote(h.table)}`,
    },
  ];
  const allow = allowHint(at, rule.id);
  if (op.inAutocommit) {
    // Outside the batch, on another connection: it queues for the batch's lock on its own table.
    const anyTable: Existed = (table): table is string => table !== undefined;
    if (!own || (lockModeOf(op) === undefined && rule.batch.work(op, anyTable) === undefined))
      return undefined;
    return findingOf(
      rule,
      at,
      op.range,
      `${op.label} runs outside any transaction (the migration's isTransactional() returns false), on a connection of its own, while ${took(own)} is held by the batch's transaction: ${BATCH}, and that waits for this migration, which waits for the lock, so the run hangs; deploy this migration apart from that one, or set \`migrations: { allOrNothing: false }\` in the MikroORM config (or ${allow}).`,
      related(own),
    );
  }
  const why = rule.batch.work(op, existed);
  // A rewrite locks its own table anyway (as lockThatMatters): the lock on another table counts.
  const ownIsMoot = lockModeOf(op) === 'AccessExclusiveLock';
  const lock = why === undefined ? undefined : own && !ownIsMoot ? own : held.other(key);
  if (!lock) return undefined;
  return findingOf(
    rule,
    at,
    op.range,
    `${op.label} ${why} while the batch's transaction still holds ${took(lock)}: ${BATCH}, so every read and write of ${quote(lock.table)} waits until then; deploy the two migrations apart, or set \`migrations: { allOrNothing: false }\` in the MikroORM config (or ${allow}).`,
    related(lock),
  );
}
