import type { Finding } from '../../../finding.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import type { MigFacts, MigFileRule } from './mig-facts.js';
import { rejudgeSeries } from './rejudged-findings.js';
import { RowSecurityState } from './row-security-state.js';

/** The statement that put a table under row security, and the migration it is in. */
interface Filter {
  label: string;
  path: string;
}

/**
 * MIG001 on a swap whose copy reads its old table under row security an EARLIER migration of the
 * series set (ENABLE / FORCE ROW LEVEL SECURITY, CREATE / ALTER POLICY): the role running the
 * deploy, the table's owner under FORCE, copies only the rows a policy lets through, without an
 * error, and the old table's drop loses the rest (measured on PostgreSQL 15:
 * swap-copy-row-security-on-postgres.test.ts). The per-file ledger (copy-ledger.ts) sees such a
 * statement only in the same revision, and its findings are cached by file; so the series is
 * replayed in its runner's order (row-security-state.ts: renames followed, a table dropped
 * forgotten, one made anew or given DISABLE ROW LEVEL SECURITY filtered again only by ENABLE), and
 * a file whose copy reads a table put under row security before it is judged again with that
 * statement in front of the copy.
 */
export function addEarlierRowSecurityFindings(
  facts: MigFacts,
  findings: Finding[],
  fileRules: readonly MigFileRule[],
): void {
  const rule = fileRules.find((r) => r.id === 'MIG001');
  if (!rule) return;
  rejudgeSeries(
    facts,
    findings,
    rule,
    (op) => op.copiedFrom !== undefined,
    () => new RowSecurityState<Filter>(),
    (op, file, filtered) => {
      const from = op.back ? undefined : op.copiedFrom;
      const by = from && filtered.get(tableKey(from) as string);
      filtered.note(op, (o) => ({ label: o.label, path: file.path }));
      // Set in this migration: the per-file ledger already sees it.
      return from && by && by.path !== file.path ? [marker(op, from, by), op] : undefined;
    },
  );
}

/** A step standing, just before `copy`, for the earlier statement that filters its source's reads. */
function marker(copy: SchemaOp, from: { table: string; schema?: string }, by: Filter): SchemaOp {
  return {
    kind: 'other',
    dataOnly: true,
    source: copy.source,
    range: copy.range,
    label: `${by.label} (${by.path})`,
    filtersReads:
      from.schema === undefined ? { table: from.table } : { table: from.table, schema: from.schema },
  };
}
