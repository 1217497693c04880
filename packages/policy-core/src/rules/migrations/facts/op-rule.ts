import type { Finding, Fix, Severity } from '../../../finding.js';
import { opPositions, renamedToKey } from '../../../migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import { findingOf, type RuleMeta } from '../../../rule.js';
import {
  type GuardedOpRule,
  GuardedTables,
  type GuardedVerdict,
  NOT_READ,
  type NewTableExemptRule,
} from './guarded-tables.js';
import { type MigFileRule, type MigrationFile, opFile, statementRelated } from './mig-facts.js';
import { CopyLedger } from './copy-ledger.js';
import { CopyOnError } from './copy-on-error.js';
import { LaterInRevision } from './later-in-revision.js';
import { lossBeforeRename } from './loss-before-rename.js';

/** What the same revision (or .sql file) did before an op: tables it created, columns it added. */
export interface EarlierInRevision {
  /** Tables by `tableKey` (schema and name). */
  tables: ReadonlySet<string>;
  /** Columns by `columnKey`. */
  columns: ReadonlySet<string>;
  /** Indexes it created, by lower-cased name. */
  indexes: ReadonlySet<string>;
  /** Tables it renamed: the new name's key → the old name's key. */
  renamed: ReadonlyMap<string, string>;
  /** Where its copied rows are: which tables hold every row of which, and heirs of those emptied. */
  copies: CopyLedger;
  /** Whether a copy failing would stop a drop run now (psql goes on after errors: copy-on-error.ts). */
  copyOnError: CopyOnError;
  /** Columns (by columnKey) a valid `CHECK (col IS NOT NULL)` constraint covers. */
  provenNotNull: ReadonlySet<string>;
}

/** EarlierInRevision as `judge` fills it in. */
interface Earlier extends EarlierInRevision {
  tables: Set<string>;
  columns: Set<string>;
  indexes: Set<string>;
  renamed: Map<string, string>;
  provenNotNull: Set<string>;
}

/** A column of the table an op names, for EarlierInRevision.columns (undefined: table unknown). */
export function columnKey(op: SchemaOp, column: string): string | undefined {
  const table = tableKey(op);
  return table === undefined ? undefined : `${table}\u0000${column.toLowerCase()}`;
}

/** The op's column (of its table) is in `columns`, a set of columnKeys. */
export function hasColumn(columns: ReadonlySet<string>, op: SchemaOp): boolean {
  const key = op.column === undefined || columns.size === 0 ? undefined : columnKey(op, op.column);
  return key !== undefined && columns.has(key);
}

/** Which operations a rule judges. */
export interface OpRuleSpec {
  /** Tables created in the same revision (or .sql file) are exempt: locking rules. */
  exemptNewTables?: boolean;
  /**
   * Ops the same revision makes harmless by what it did before them: dropping a table it has
   * just created, backfilling a column it has just added. Destructive and breaking rules.
   */
  exempt?(op: SchemaOp, earlier: EarlierInRevision, later: LaterInRevision): boolean;
  /** Also judge `downgrade()` (rules about code that fails whichever way it runs). */
  includeDowngrade?: boolean;
  /** Judge statements of `.sql` migration files too (default true). */
  sqlFiles?: boolean;
  matches(op: SchemaOp): boolean;
  /** For statements of .sql migrations, when they are judged differently (default: `matches`). */
  matchesSql?(op: SchemaOp): boolean;
  /** `earlier`: what the revision did before the op, for a rule whose message says it (MIG001). */
  message(op: SchemaOp, file: string, earlier?: EarlierInRevision, later?: LaterInRevision): string;
  /** This op's severity when it is not the rule's default (the policy's `rules:` still overrides). */
  severity?(op: SchemaOp): Severity | undefined;
  /** The finding's fix, where the file's own text makes it certain (MIG020). */
  fix?(op: SchemaOp, file: MigrationFile): Fix | undefined;
  /** MIG020: the message on a table made IF NOT EXISTS before in the file (guarded-findings.ts). */
  onGuardedTable?(op: SchemaOp, file: string, was: GuardedVerdict): string;
}

/**
 * The old table of a swap, dropped once its rows were copied out (`INSERT ... SELECT ... FROM`
 * it, earlier in the revision) and its name given to a new table, either way round: renamed
 * aside before (`t` → `t_old`, then `CREATE TABLE t`), or a new table created earlier and renamed
 * to its name after the drop (`CREATE TABLE t_new`, copy, `DROP TABLE t`, `t_new` → `t`).
 * Its data lives on in the new table; a drop without the copy is still reported.
 */
export function swappedOut(op: SchemaOp, earlier: EarlierInRevision, later: LaterInRevision): boolean {
  // Nothing copied yet (most revisions): no key to build.
  if (earlier.copies.empty) return false;
  const table = tableKey(op);
  if (table === undefined) return false;
  const holders = earlier.copies.holdersOf(table);
  if (holders.size === 0) return false;
  // The table that holds its rows is the one that has, or takes, its name: the copy's target.
  const old = earlier.renamed.get(table);
  if (old !== undefined && earlier.tables.has(old) && holders.has(old)) return true;
  // Taking it only after losing some of them (loss-before-rename.ts) is no lossless swap.
  return (
    later.renamesHolderTo(table, holders) && lossBeforeRename(table, earlier.copies, later) === undefined
  );
}

/**
 * The table an op names was created earlier in the same revision, and holds no rows but its own:
 * not the heir of a table the revision dropped or emptied after copying it (CopyLedger).
 */
export function tableCreatedEarlier(op: SchemaOp, earlier: EarlierInRevision): boolean {
  const table = tableMadeEarlier(op, earlier);
  return table !== undefined && !earlier.copies.isHeir(table);
}

/** The key of the table an op names when the same revision created it, whatever rows it holds now. */
export function tableMadeEarlier(op: SchemaOp, earlier: EarlierInRevision): string | undefined {
  if (earlier.tables.size === 0) return undefined;
  const table = tableKey(op);
  return table !== undefined && earlier.tables.has(table) ? table : undefined;
}

function createdTables(ops: readonly SchemaOp[]): Set<string> {
  const out = new Set<string>();
  for (const op of ops) {
    const table = op.kind === 'create_table' ? tableKey(op) : undefined;
    if (table !== undefined) out.add(table);
  }
  return out;
}

function judge(
  rule: RuleMeta,
  spec: OpRuleSpec,
  file: string,
  ops: readonly SchemaOp[],
  out: Finding[],
  whole?: MigrationFile,
): void {
  // Most files have no op a given rule is about (29 rules x 2,000 files in a large check): say
  // so before building the sets and closures the judging below needs.
  if (!ops.some((op) => spec.matches(op))) return;
  let created: Set<string> | undefined;
  // Same schema and name: `create_index(..., "t", schema="other")` is not on a new `s.t`.
  const isNewTable = (op: SchemaOp): boolean => {
    const table = tableKey(op);
    if (table === undefined) return false;
    created ??= createdTables(ops);
    return created.has(table);
  };
  const earlier: Earlier | undefined = spec.exempt
    ? {
        tables: new Set<string>(),
        columns: new Set<string>(),
        indexes: new Set<string>(),
        renamed: new Map<string, string>(),
        copies: new CopyLedger(),
        copyOnError: new CopyOnError(whole?.kind === 'sql' && whole.source?.runner === 'psql'),
        provenNotNull: new Set<string>(),
      }
    : undefined;
  // NOT VALID checks by table and name, until a VALIDATE CONSTRAINT proves them.
  const pendingChecks = new Map<string, string>();
  // Built on its first question (op-positions.ts): most exemptions never ask about later ops.
  const positions = earlier ? opPositions(ops) : undefined;
  const guarded = spec.onGuardedTable ? new GuardedTables() : undefined;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as SchemaOp;
    const guard = guarded?.creationOf(op);
    const later =
      earlier && positions && spec.matches(op) ? new LaterInRevision(ops, positions, i) : undefined;
    const judged =
      spec.matches(op) &&
      !(earlier && later && spec.exempt?.(op, earlier, later)) &&
      !(spec.exemptNewTables && isNewTable(op)) &&
      guard?.afterDrop !== true; // dropped, then made again IF NOT EXISTS: new
    guarded?.note(op);
    if (judged) {
      const at = opFile(op, file);
      const message =
        guard && spec.onGuardedTable
          ? spec.onGuardedTable(op, at, NOT_READ)
          : spec.message(op, at, earlier, later);
      const f = findingOf(rule, at, op.range, message, statementRelated(at, op));
      const severity = spec.severity?.(op);
      if (severity) f.severity = severity;
      const fix = whole && spec.fix?.(op, whole);
      if (fix) f.fixes = [fix];
      out.push(f);
    }
    // Recorded after judging: an op never exempts itself.
    if (earlier) remember(op, earlier, pendingChecks);
  }
}

/**
 * What `op` tells the ops after it (EarlierInRevision). Its table key is built only for the ops
 * that record one: a revision of 160,000 drops would otherwise build 160,000 keys per rule.
 */
function remember(op: SchemaOp, earlier: Earlier, pendingChecks: Map<string, string>): void {
  if (op.kind === 'create_index' && op.index) earlier.indexes.add(op.index.toLowerCase());
  earlier.copies.note(op);
  earlier.copyOnError.note(op);
  const records =
    op.kind === 'create_table' ||
    (op.kind === 'add_column' && op.column !== undefined) ||
    op.kind === 'rename_table' ||
    op.notNullColumn !== undefined ||
    op.kind === 'validate_constraint';
  const table = records ? tableKey(op) : undefined;
  if (table === undefined) return;
  if (op.kind === 'create_table') earlier.tables.add(table);
  else if (op.kind === 'add_column' && op.column) earlier.columns.add(columnKey(op, op.column) as string);
  else if (op.kind === 'rename_table') {
    const to = renamedToKey(op);
    if (to !== undefined) earlier.renamed.set(to, table);
  }
  recordNotNullProof(op, table, earlier.provenNotNull, pendingChecks);
}

/** A `CHECK (col IS NOT NULL)` added valid, or NOT VALID and then validated, proves `col`. */
function recordNotNullProof(
  op: SchemaOp,
  table: string,
  proven: Set<string>,
  pending: Map<string, string>,
): void {
  const name = op.constraintName?.toLowerCase();
  if (op.notNullColumn !== undefined) {
    const column = columnKey(op, op.notNullColumn) as string;
    if (!op.notValid) proven.add(column);
    else if (name !== undefined) pending.set(`${table}\u0000${name}`, column);
  } else if (op.kind === 'validate_constraint' && name !== undefined) {
    const column = pending.get(`${table}\u0000${name}`);
    if (column !== undefined) proven.add(column);
  }
}

/** What every rule that exempts new tables says of one made IF NOT EXISTS (new-guarded-tables.ts). */
export const NEW_GUARDED_TABLE_DOC =
  'A table made with CREATE TABLE IF NOT EXISTS counts as created there when no migration before it ' +
  'made or used the table; one that existed, or whose past is not known, is judged as existing.';

/**
 * A per-file rule that judges each operation of `upgrade()` (and of .sql migrations) on its own:
 * `meta` is the rule's contract without its check, `spec` says which operations it flags.
 */
export function opRule(meta: Omit<MigFileRule, 'check'>, spec: OpRuleSpec): MigFileRule {
  const rule: MigFileRule = { ...meta, check: (file) => judgeFile(meta, spec, file) };
  const { onGuardedTable, matches } = spec;
  if (onGuardedTable) return { ...rule, guarded: { onGuardedTable, matches } } as GuardedOpRule;
  if (!spec.exemptNewTables) return rule;
  const docs = { ...meta.docs, what: `${meta.docs.what} ${NEW_GUARDED_TABLE_DOC}` };
  return { ...rule, docs, exemptsNewTables: true } as NewTableExemptRule;
}

/** The findings of one op rule's `spec` in one file (rules whose spec depends on the policy call this). */
export function judgeFile(meta: RuleMeta, spec: OpRuleSpec, file: MigrationFile): Finding[] {
  const out: Finding[] = [];
  if (file.kind === 'module') {
    judge(meta, spec, file.module.path, file.module.upgrade?.ops ?? [], out, file);
    if (spec.includeDowngrade) judge(meta, spec, file.module.path, file.module.downgrade?.ops ?? [], out);
  } else if (spec.sqlFiles !== false) {
    const sqlSpec = spec.matchesSql ? { ...spec, matches: spec.matchesSql } : spec;
    const forward = forwardOps(file.file.ops);
    judge(meta, sqlSpec, file.file.path, forward, out, file);
    if (spec.includeDowngrade && forward !== file.file.ops)
      judge(
        meta,
        sqlSpec,
        file.file.path,
        file.file.ops.filter((op) => op.back),
        out,
      );
  }
  return out;
}
