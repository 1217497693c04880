import { touchedPaths } from '../../../change-set.js';
import type { RelatedLocation } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { type AppliedVerdict, appliedHistory } from '../../../migrations/applied-history.js';
import { importedValuesChanged } from '../../../migrations/js-import-changes.js';
import type { MigrationAnalysis, MigrationTree, SqlMigrationFile } from '../../../migrations/analyze.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { Policy } from '../../../policy/schema/index.js';
import type { SqlRunner } from '../../../policy/schema/migrations.js';
import type { CheckContext, Rule } from '../../../rule.js';

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
  | { kind: 'module'; module: MigrationModule; source?: FileSource }
  | { kind: 'sql'; file: SqlMigrationFile; source?: SqlSource };

/**
 * A migration's text, for the rules whose fix edits it (MIG020): read only when a finding asks
 * for its fix.
 */
export interface FileSource {
  text(): string | undefined;
}

/** A .sql migration's text and what runs it. */
export interface SqlSource extends FileSource {
  runner: SqlRunner;
}

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
  // A file a revision loads is part of it: a change to the file (or its removal) is a change to
  // the revision, which is judged again with the file in place.
  if (change && changed) {
    const byFile = analysis.sqlLoads.byFile;
    if (byFile.size > 0)
      for (const p of touchedPaths(change)) for (const m of byFile.get(p) ?? []) changed.add(m);
    // A module a JS/TS migration imports its strings from: judged again when a value it reads changed.
    const imports = analysis.jsImports;
    if (imports.size > 0) {
      const touched = new Set(touchedPaths(change));
      const read = (p: string) => ctx.repo.readFile(p);
      const readBase = change.readBase?.bind(change);
      // Each migration once, however many of its modules the change touched.
      for (const m of new Set([...touched].flatMap((p) => imports.get(p) ?? []))) {
        if (changed.has(m)) continue;
        const text = read(m);
        // Without the base's files, every import touched counts as a change to what runs.
        if (text !== undefined && (!readBase || importedValuesChanged(m, text, touched, read, readBase)))
          changed.add(m);
      }
    }
  }
  const history: AppliedVerdict = change
    ? { notes: [] }
    : appliedHistory(ctx.policy, ctx.repo, analysis, ctx.productionRecord, ctx.productionDatabase);
  const applied = history.applied?.files;
  const ownScope = (path: string) =>
    changed === undefined ? applied === undefined || !applied.has(path) : changed.has(path);
  // A file a revision loads is judged with the revisions that load it: with one in scope, it is.
  const loadedBy = analysis.sqlLoads.byFile;
  const inScope = (path: string) => {
    const by = loadedBy.size > 0 ? loadedBy.get(path) : undefined;
    return by ? by.some(ownScope) : ownScope(path);
  };
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

/**
 * Who runs the op, as a message says it: `upgrade()` in an Alembic revision, `up` in a Knex or
 * TypeORM migration, `this migration` in a .sql file and in a Django migration (Django runs its
 * `operations`; it has no upgrade()).
 */
export function runner(file: string, op?: { django?: true }): string {
  if (op?.django) return 'this migration';
  return file.endsWith('.sql') ? 'this migration' : /\.[cm]?[jt]s$/.test(file) ? 'up' : 'upgrade()';
}

/** How to suppress in this file's comment syntax. */
export function allowHint(file: string, rule: string): string {
  const prefix = file.endsWith('.sql') ? '--' : /\.[cm]?[jt]s$/.test(file) ? '//' : '#';
  return `\`${prefix} slipway: allow ${rule} -- reason\``;
}

/**
 * Related locations of an op's finding: the exact SQL statement, when it is not where the finding
 * is; for a statement of a file a revision loads, the revision's call that runs it.
 */
export function statementRelated(file: string, op: SchemaOp): RelatedLocation[] | undefined {
  const out: RelatedLocation[] = [];
  if (op.detail && op.detail.start.line !== op.range.start.line)
    out.push({ file: op.file ?? file, range: op.detail, message: `the statement: ${op.label}` });
  if (op.loadedBy) out.push(loadedByRelated(op.loadedBy));
  if (op.inHelper) out.push(helperRelated(op.inHelper));
  return out.length > 0 ? out : undefined;
}

/** Where a step of a function of another module that the revision calls is written. */
export function helperRelated(at: NonNullable<SchemaOp['inHelper']>): RelatedLocation {
  return { file: at.file, range: at.range, message: `written in ${at.function}() of ${at.file}` };
}

/** The call of a revision that runs a loaded file's statement. */
export function loadedByRelated(by: NonNullable<SchemaOp['loadedBy']>): RelatedLocation {
  const who = by.revision === undefined ? by.file : `revision ${by.revision}`;
  return { file: by.file, range: by.range, message: `run by ${who} here` };
}

/** For a statement of a file a revision loads: the revision's call that runs it. */
export function loadRelated(op: SchemaOp): RelatedLocation[] | undefined {
  if (op.inHelper) return [helperRelated(op.inHelper)];
  return op.loadedBy ? [loadedByRelated(op.loadedBy)] : undefined;
}

/** Where a finding about `op` goes: the file it is in (a loaded .sql file), else the migration. */
export const opFile = (op: SchemaOp, file: string): string => op.file ?? file;

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
