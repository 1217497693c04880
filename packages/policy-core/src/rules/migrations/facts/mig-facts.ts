import { touchedPaths } from '../../../change-set.js';
import type { RelatedLocation } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { type AppliedVerdict, appliedHistory } from '../../../migrations/applied-history.js';
import type { MigrationAnalysis, MigrationTree, SqlMigrationFile } from '../../../migrations/analyze.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { Policy } from '../../../policy/schema/index.js';
import type { CheckContext, Rule } from '../../rule.js';

export type MigrationsPolicy = NonNullable<Policy['migrations']>;

/** What every MIG rule reads: the analysis, the policy section and the change, prepared once. */
export interface MigFacts {
  ctx: CheckContext;
  section: MigrationsPolicy;
  analysis: MigrationAnalysis;
  /**
   * Migration modules the per-file rules judge: when checking a tree as it is, all of them but
   * those production already ran (`history`); with a change, only those it adds or modifies
   * (history already applied is not re-litigated on every pull request). Modules with syntax
   * errors are left to MIG130.
   */
  reportModules: { tree: MigrationTree; module: MigrationModule }[];
  reportSqlFiles: SqlMigrationFile[];
  /** True when per-file rules judge `path` (see reportModules). */
  inScope(path: string): boolean;
  /**
   * Checking a tree: the migrations production already ran (applied-history.ts), which the
   * per-file rules leave alone. A change is judged by what it adds or edits, none of it applied.
   */
  history: AppliedVerdict;
  /** Extra files rules read (MIG121), for filesChecked. */
  extraFiles: Set<string>;
  /** Memo for facts several rules share (e.g. MIG105's findings, which MIG100 defers to). */
  memo: Map<string, unknown>;
}

/** A history rule: reads the whole analysis (graph, policy, repository). */
export type MigHistoryRule = Rule<MigFacts>;

/**
 * One in-scope migration file, as the per-file rules read it: a parsed Alembic module or the
 * statements of a .sql migration. Per-file rules read only this, so the family caches their
 * findings per parsed file and re-analysis only re-judges edited files.
 */
export type MigrationFile =
  | { kind: 'module'; module: MigrationModule }
  | { kind: 'sql'; file: SqlMigrationFile };

/** A per-file rule (see MigrationFile). */
export type MigFileRule = Rule<MigrationFile>;

export function buildFacts(
  ctx: CheckContext,
  section: MigrationsPolicy,
  analysis: MigrationAnalysis,
): MigFacts {
  const change = ctx.change;
  const changed = change
    ? new Set(
        touchedPaths(change).filter((p) => change.files.some((f) => f.path === p && f.status !== 'deleted')),
      )
    : undefined;
  const history: AppliedVerdict = change
    ? { notes: [] }
    : appliedHistory(ctx.policy.policy, ctx.repo, analysis, ctx.productionRecord, ctx.productionDatabase);
  const applied = history.applied?.files;
  const inScope = (path: string) =>
    changed === undefined ? applied === undefined || !applied.has(path) : changed.has(path);
  const reportModules = analysis.trees.flatMap((tree) =>
    tree.modules
      .filter((m) => m.isMigration && !m.parseRecovered && inScope(m.path))
      .map((module) => ({ tree, module })),
  );
  return {
    ctx,
    section,
    analysis,
    reportModules,
    reportSqlFiles: analysis.sqlFiles.filter((f) => inScope(f.path)),
    inScope,
    history,
    extraFiles: new Set(),
    memo: new Map(),
  };
}

/** Who runs the op, as a message says it: `upgrade()` in Python, `this migration` in a .sql file. */
export function runner(file: string): string {
  return file.endsWith('.sql') ? 'this migration' : 'upgrade()';
}

/** How to suppress in this file's comment syntax. */
export function allowHint(file: string, rule: string): string {
  const prefix = file.endsWith('.sql') ? '--' : '#';
  return `\`${prefix} slipway: allow ${rule} -- reason\``;
}

/** Related location pointing at the exact SQL statement, when it is not where the finding is. */
export function statementRelated(file: string, op: SchemaOp): RelatedLocation[] | undefined {
  if (!op.detail || op.detail.start.line === op.range.start.line) return undefined;
  return [{ file, range: op.detail, message: `the statement: ${op.label}` }];
}

/**
 * A table in a message: `"users"`, or a phrase that still reads as one when the name is not a
 * literal (`for t in tables: op.drop_table(t)`), so "drops a table (name not a literal)".
 */
export const quote = (name: string | undefined): string =>
  name === undefined ? 'a table (name not a literal)' : `"${name}"`;

/** `table "users"`, or `a table (name not a literal)`: never "table a table". */
export const namedTable = (name: string | undefined): string =>
  name === undefined ? quote(name) : `table ${quote(name)}`;

/** `column "email"`, or `a column (name not a literal)`. */
export const namedColumn = (name: string | undefined): string =>
  name === undefined ? 'a column (name not a literal)' : `column "${name}"`;
