import { appendAll } from '../../../append-all.js';
import type { Finding } from '../../../finding.js';
import type { SqlMigrationFile } from '../../../migrations/migration-analysis.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import { GuardedTables, type NewTableExemptRule } from './guarded-tables.js';
import { TablesBefore } from './guarded-table-history.js';
import type { MigFacts, MigFileRule, MigrationFile } from './mig-facts.js';

/**
 * The rules that exempt the tables a migration created (created-tables.ts), on a table made with
 * CREATE TABLE IF NOT EXISTS: MIG037 and MIG046, and the per-file rules marked NewTableExemptRule
 * (MIG044, and the op rules with exemptNewTables: MIG022's column, MIG025's foreign key...).
 * Judged alone, a file cannot say whether that CREATE made anything, so the table counts as one
 * that existed (a later ALTER may lock a live table). The history can say more
 * (guarded-table-history.ts): when no migration before this one made or used the table, the
 * CREATE makes it here, and it is as new as a plain CREATE TABLE's. A table that existed, or whose
 * past is not known, stays judged as existing. (MIG020 says more than new or not:
 * guarded-findings.ts.)
 */

/**
 * `file` with each CREATE TABLE IF NOT EXISTS of a table the history says is new read as a plain
 * CREATE TABLE (the same object when there is none): what MIG037 and MIG046, which see the
 * history, judge.
 */
export function withNewGuardedTables(facts: MigFacts, file: MigrationFile, path: string): MigrationFile {
  if (file.kind === 'module') {
    const up = file.module.upgrade;
    const ops = up && newTablesMade(facts, path, up.ops);
    return ops && up ? { ...file, module: { ...file.module, upgrade: { ...up, ops } } } : file;
  }
  const forward = forwardOps(file.file.ops);
  const ops = newTablesMade(facts, path, forward);
  if (!ops) return file;
  const made = new Map(forward.map((op, i) => [op, ops[i] as SchemaOp]));
  return { ...file, file: { ...file.file, ops: file.file.ops.map((op) => made.get(op) ?? op) } };
}

/**
 * The per-file rules that exempt new tables are judged file by file (their findings cached by
 * file): each reported file that makes a new table IF NOT EXISTS is judged again as
 * withNewGuardedTables reads it, and its findings put in place of the old (MIG044 reports once
 * per transaction, so another statement may be the one).
 */
export function reviseNewGuardedTables(
  facts: MigFacts,
  findings: Finding[],
  fileRules: readonly MigFileRule[],
  sqlFile: (file: SqlMigrationFile) => MigrationFile,
): void {
  const rules = fileRules.filter((r): r is NewTableExemptRule => 'exemptsNewTables' in r);
  const ids = new Set(rules.map((r) => r.id));
  if (!findings.some((f) => ids.has(f.rule))) return;
  const files = [
    ...facts.reportModules.map(({ module }) => ({
      path: module.path,
      file: { kind: 'module', module } as const,
    })),
    ...facts.reportSqlFiles.map((f) => ({ path: f.path, file: sqlFile(f) })),
  ];
  const key = (f: Finding) =>
    `${f.rule}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}\u0000${f.message}`;
  // The old findings of every revised file, and their replacements, put in place once at the end.
  const old = new Set<string>();
  const now: Finding[] = [];
  for (const { path, file } of files) {
    const revised = withNewGuardedTables(facts, file, path);
    if (revised === file) continue;
    for (const r of rules) {
      for (const f of r.check(file)) old.add(key(f));
      appendAll(now, r.check(revised));
    }
  }
  if (old.size === 0) return;
  const kept = findings.filter((f) => !(ids.has(f.rule) && old.has(key(f))));
  findings.length = 0;
  appendAll(findings, kept);
  appendAll(findings, now);
}

/**
 * `ops` (a migration's forward ones) with each CREATE TABLE IF NOT EXISTS of a table the history
 * says is new read as a plain CREATE TABLE, or undefined when there is none.
 */
function newTablesMade(facts: MigFacts, path: string, ops: readonly SchemaOp[]): SchemaOp[] | undefined {
  if (!ops.some((op) => op.createdIfMissing)) return undefined;
  const guarded = new GuardedTables();
  const history = new TablesBefore(facts, path);
  let changed = false;
  const out = ops.map((op) => {
    const first = op.createdIfMissing && !guarded.creationOf(op);
    guarded.note(op);
    const isNew = first && 'new' in history.of(op);
    history.note(op);
    if (!isNew) return op;
    changed = true;
    const { createdIfMissing: _, ...rest } = op;
    return { ...rest, kind: 'create_table' as const };
  });
  return changed ? out : undefined;
}
