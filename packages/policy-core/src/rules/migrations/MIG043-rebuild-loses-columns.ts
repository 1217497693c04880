import { agentSignal, shortSignal } from '../../agents/change-author.js';
import type { Finding } from '../../finding.js';
import { findingOf } from '../../rule.js';
import { byNumbers, journalOrder } from '../../migrations/applied-history.js';
import { inSeriesOrder, seriesOf } from '../../migrations/migration-series.js';
import { upgradeOrder } from '../../migrations/graph-order.js';
import { type SchemaOp, tableKey } from '../../migrations/schema-op.js';
import { TableColumns } from '../../migrations/table-columns.js';
import { allowHint, type MigFacts, type MigHistoryRule, opFile, runner } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/**
 * MIG043: a table rebuilt (create a copy, copy the rows, drop, rename) whose copy names its
 * columns and leaves some of the old table's out. The swap is exempt from MIG001 because its rows
 * live on; the columns it did not copy do not. A history rule: the old table's columns are what
 * the migrations before this one made of it (migrations/table-columns.ts).
 */
export const rebuildLosesColumns: MigHistoryRule = {
  id: 'MIG043',
  name: 'rebuild-loses-columns',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'table rebuild whose copy leaves columns out',
  docs: {
    what:
      'A table swap (a new table created, `INSERT INTO new ... SELECT ... FROM old`, the old table dropped, the new one ' +
      'renamed to its name, or the old one renamed aside first) whose copy names its columns and leaves out a column ' +
      'the old table has, by the migrations before this one (their creations that list every column, then each added, ' +
      'dropped or renamed column). When those columns cannot be known (the table was made before the migrations ' +
      "Slipway reads, with `LIKE`, or after a statement it could not read), the finding says so: an error in an agent's " +
      "change, a warning in a person's. A copy of `*` keeps every column (PostgreSQL refuses more values than the " +
      "new table has columns) and is never reported; a column read inside an expression (`coalesce(name, '')`, a " +
      'cast) goes on, reshaped, and counts as kept; one in no target (a constant in its place) is lost. ' +
      'The rows half of the exemption is MIG001: a copy that can drop rows is no copy at all.',
    why:
      'Such a swap is exempt from "drops a table" because its data lives on in the new table; a column the copy ' +
      'leaves out is dropped with the old table, data and all, as MIG002 would say of a DROP COLUMN.',
    fix: 'Copy every column (name them all, or `SELECT *`), or drop the column on purpose in its own step.',
    suppress: suppressDocs('MIG043'),
    examples: [
      migrationExample(
        'flagged',
        'rebuild_users',
        [
          'op.create_table("users", sa.Column("id", sa.BigInteger), sa.Column("email", sa.Text))',
          'op.execute("CREATE TABLE users_new (id bigint)")',
          'op.execute("INSERT INTO users_new (id) SELECT id FROM users")',
          'op.execute("DROP TABLE users")',
          'op.execute("ALTER TABLE users_new RENAME TO users")',
        ].join('\n'),
      ),
      migrationExample(
        'fine',
        'rebuild_users',
        [
          'op.create_table("users", sa.Column("id", sa.BigInteger), sa.Column("email", sa.Text))',
          'op.execute("CREATE TABLE users_new (id bigint, email text)")',
          'op.execute("INSERT INTO users_new (id, email) SELECT id, email FROM users")',
          'op.execute("DROP TABLE users")',
          'op.execute("ALTER TABLE users_new RENAME TO users")',
        ].join('\n'),
      ),
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    // Most histories copy no table by named columns: say so before ordering every history.
    if (!anyNamedCopy(facts)) return out;
    for (const series of historiesOf(facts)) {
      if (!series.some((f) => f.judged && f.ops.some(namesItsColumns))) continue;
      const columns = new TableColumns();
      for (const file of series) {
        file.ops.forEach((op, i) => {
          if (file.judged && namesItsColumns(op) && swapsOut(file.ops, i))
            judge(facts, file.path, op, columns, out);
          columns.apply(op);
        });
      }
    }
    return out;
  },
};

interface SeriesFile {
  path: string;
  ops: readonly SchemaOp[];
  /** In the check's scope (per-file rules judge it). */
  judged: boolean;
}

/** Each history in the order it runs: every Alembic tree, every folder of .sql migrations. */
function historiesOf(facts: MigFacts): SeriesFile[][] {
  const out: SeriesFile[][] = [];
  for (const tree of facts.analysis.trees) {
    const files: SeriesFile[] = [];
    for (const rev of upgradeOrder(tree.graph)) {
      const path = tree.graph.fileOf(rev);
      const node = tree.graph.get(rev);
      if (path !== undefined && node) files.push({ path, ops: node.upgradeOps, judged: facts.inScope(path) });
    }
    out.push(files);
  }
  // .sql files by series (their folder, or the folder above Prisma's `<name>/migration.sql`), in
  // their runner's order: Drizzle's journal where it can be read, else as applied_through orders them.
  const folders = new Map<string, SeriesFile[]>();
  for (const f of facts.analysis.sqlFiles) {
    const series = seriesOf(f.path);
    const list = folders.get(series) ?? [];
    list.push({ path: f.path, ops: f.ops, judged: facts.inScope(f.path) });
    folders.set(series, list);
  }
  for (const [series, list] of folders) {
    const journal = facts.analysis.sqlRunner === 'drizzle' ? journalOrder(series, facts.ctx.repo) : undefined;
    list.sort((a, b) =>
      journal
        ? (journal.get(a.path) ?? Number.POSITIVE_INFINITY) -
          (journal.get(b.path) ?? Number.POSITIVE_INFINITY)
        : inSeriesOrder(a.path, b.path, byNumbers),
    );
  }
  out.push(...folders.values());
  return out;
}

const namesItsColumns = (op: SchemaOp): boolean => op.copiedFrom?.columns !== undefined;

/** A copy naming its columns anywhere in the analysis (one pass, no ordering, no reads). */
function anyNamedCopy(facts: MigFacts): boolean {
  const { trees, sqlFiles } = facts.analysis;
  return (
    sqlFiles.some((f) => f.ops.some(namesItsColumns)) ||
    trees.some((t) => t.modules.some((m) => m.upgrade?.ops.some(namesItsColumns)))
  );
}

/** The copy's source is dropped later in the same migration: a rebuild, not a copy beside it. */
function swapsOut(ops: readonly SchemaOp[], at: number): boolean {
  const source = tableKey((ops[at] as SchemaOp).copiedFrom as NonNullable<SchemaOp['copiedFrom']>);
  for (let i = at + 1; i < ops.length; i++) {
    const op = ops[i] as SchemaOp;
    if (op.kind === 'drop_table' && tableKey(op) === source) return true;
  }
  return false;
}

function judge(facts: MigFacts, path: string, op: SchemaOp, columns: TableColumns, out: Finding[]): void {
  const source = op.copiedFrom as NonNullable<SchemaOp['copiedFrom']>;
  const kept = new Set(source.columns);
  const had = columns.of(tableKey(source) as string, source.table);
  const file = opFile(op, path);
  const copy = `its copy (${op.label.length > 100 ? `${op.label.slice(0, 97)}...` : op.label})`;
  if ('known' in had) {
    const lost = [...had.known].filter((c) => !kept.has(c));
    if (lost.length === 0) return;
    const names = lost.map((c) => `"${c}"`).join(', ');
    out.push(
      findingOf(
        rebuildLosesColumns,
        file,
        op.range,
        `${runner(file)} rebuilds "${source.table}" without column${lost.length > 1 ? 's' : ''} ${names}: ${copy} leaves ${lost.length > 1 ? 'them' : 'it'} out, so dropping "${source.table}" deletes ${lost.length > 1 ? 'their' : 'its'} data; copy every column, or add ${allowHint(file, 'MIG043')}.`,
      ),
    );
    return;
  }
  const signal = facts.ctx.change ? agentSignal(facts.ctx.policy, facts.ctx.change) : undefined;
  const f = findingOf(
    rebuildLosesColumns,
    file,
    op.range,
    `${runner(file)} rebuilds "${source.table}" and ${copy} names its columns, but Slipway cannot tell they are all of them: ${had.unknown}${signal ? `; an error in an agent's change (${shortSignal(signal)})` : ''}. Copy with SELECT *, or review it and add ${allowHint(file, 'MIG043')}.`,
  );
  if (!signal) f.severity = 'warning';
  out.push(f);
}
