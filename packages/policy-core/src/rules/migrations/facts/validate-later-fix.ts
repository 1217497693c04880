import type { Finding, Fix } from '../../../finding.js';
import { rangeKey } from '../../../text-position.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { DEFAULT_POSTGRES_VERSION } from '../../../policy/schema/migrations.js';
import { alembicValidateLater } from './validate-later-alembic.js';
import { findingsByFile } from './findings-by-file.js';
import type { MigFacts } from './mig-facts.js';
import { nextSqlMigration, type NewMigrationText } from './next-sql-migration.js';
import { SQL_SET } from './lock-timeout-fix.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import {
  fixOf,
  inFileOrder,
  type Memo,
  SqlStatements,
  sqlNotValidStep,
  sqlSetNotNullStep,
  type ValidateLaterStep,
} from './validate-later-step.js';

/** The rules whose hazard the fix splits in two: NOT VALID now, VALIDATE in a new migration. */
const RULES = new Set(['MIG023', 'MIG025', 'MIG026']);

/**
 * Adds the validate-later fix to MIG023/MIG025/MIG026 findings. It is worked out here, with the
 * whole analysis in hand, and not by the per-file rules: the new migration's name depends on the
 * other files of the series (or the revision graph), which a rule judging one file alone (and
 * caching its findings per file) cannot see. One fix per migration, shared by all its findings:
 * it adds every such constraint NOT VALID in place and validates them all in one new migration
 * (two fixes would each write the same next file); `check --fix` applies a shared fix once.
 * A finding given the fix is replaced by a copy (the per-file findings are cached).
 */
export function addValidateLaterFixes(facts: MigFacts, findings: Finding[]): void {
  if (facts.section.dialect !== 'postgresql') return;
  const byFile = findingsByFile(findings, RULES);
  if (byFile.size === 0) return;
  const out = findings;
  const pg12 = (facts.section.postgres_version ?? DEFAULT_POSTGRES_VERSION) >= 12;
  let files: Set<string> | undefined;
  const memo: Memo = {
    listed: () => {
      files ??= new Set(facts.ctx.repo.listFiles());
      return files;
    },
    sqlFiles: new Map(facts.reportSqlFiles.map((f) => [f.path, f])),
    modules: new Map(facts.reportModules.map((e) => [e.module.path, e])),
    lasts: new Map(),
    trees: new Map(),
  };
  for (const [path, at] of byFile) {
    const fixed = fixFor(facts, path, at, findings, pg12, memo);
    if (!fixed) continue;
    for (const i of fixed.findings) {
      const f = out[i] as Finding;
      out[i] = { ...f, fixes: [...(f.fixes ?? []), fixed.fix] };
    }
  }
}

function fixFor(
  facts: MigFacts,
  path: string,
  at: readonly number[],
  findings: readonly Finding[],
  pg12: boolean,
  memo: Memo,
): { fix: Fix; findings: number[] } | undefined {
  const sql = memo.sqlFiles.get(path);
  if (sql) {
    const text = facts.ctx.repo.readFile(path);
    if (text === undefined) return undefined;
    const steps: ValidateLaterStep[] = [];
    const fixedFindings: number[] = [];
    const statements = new SqlStatements(path, text, sql.ops);
    // The first op at each range, as a search from the start would find it.
    const opAt = new Map<string, SchemaOp>();
    for (const o of sql.ops) if (!opAt.has(rangeKey(o.range))) opAt.set(rangeKey(o.range), o);
    for (const i of inFileOrder(at, findings)) {
      const f = findings[i] as Finding;
      const op = opAt.get(rangeKey(f.range));
      const step = !op
        ? undefined
        : f.rule === 'MIG023'
          ? pg12
            ? sqlSetNotNullStep(op, path, statements)
            : undefined
          : sqlNotValidStep(op, path, statements);
      if (step) {
        steps.push(step);
        fixedFindings.push(i);
      }
    }
    if (steps.length === 0) return undefined;
    const undo = steps.flatMap((s) => s.undo);
    const name = steps.length === 1 ? (steps[0] as ValidateLaterStep).name : 'constraints';
    const later = steps.flatMap((s) => s.later);
    const next = nextSqlMigration(
      facts.analysis,
      path,
      validateMigration(path, later, undo, name),
      memo.listed(),
      memo.lasts,
    );
    if (!next) return undefined;
    return { fix: fixOf(steps, next.edits, next.path, next.uncertain), findings: fixedFindings };
  }
  const entry = memo.modules.get(path);
  if (!entry) return undefined;
  return alembicValidateLater(facts, entry, at, findings, pg12, memo);
}

/** The new migration of a validate-later fix: the VALIDATEs (and what follows them), under a lock_timeout. */
function validateMigration(
  path: string,
  later: readonly string[],
  undo: readonly string[],
  name: string,
): NewMigrationText {
  const from = path.slice(seriesOf(path).length);
  return {
    word: `validate_${name}`,
    up: [
      `-- Validates what ${from} added NOT VALID, in a migration of its own.`,
      SQL_SET,
      ...later.map((s) => `${s};`),
    ],
    back:
      undo.length > 0
        ? undo.map((s) => `${s};`)
        : [`-- Nothing to undo: validating changes no schema; ${from}'s way back drops the constraint.`],
  };
}
