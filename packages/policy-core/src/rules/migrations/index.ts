import { MigrationAnalyzer } from '../../migrations/analyze.js';
import { migrationSources } from '../../migrations/policy-sources.js';
import type { Finding } from '../../finding.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import type { RuleFamily } from '../rule.js';
import { baselineNotEmpty } from './baseline-not-empty.js';
import { columnTypeChange } from './column-type-change.js';
import { concurrentlyOutsideAutocommit } from './concurrently-outside-autocommit.js';
import { downgradeNotInverse } from './downgrade-not-inverse.js';
import { dropColumn } from './drop-column.js';
import { dropSchemaOrDatabase } from './drop-schema-or-database.js';
import { dropTable } from './drop-table.js';
import { duplicateRevision } from './duplicate-revision.js';
import { emptyDowngrade } from './empty-downgrade.js';
import { headerOutOfStep } from './header-out-of-step.js';
import { indexWithoutConcurrently } from './index-without-concurrently.js';
import { buildFacts, type MigRule } from './mig-facts.js';
import { missingParent } from './missing-parent.js';
import { multipleHeads } from './multiple-heads.js';
import { notNullColumnWithoutDefault } from './not-null-column-without-default.js';
import { notOnBaseHead } from './not-on-base-head.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';
import { revisionCycle } from './revision-cycle.js';
import { schemaOutsideAlembic } from './schema-outside-alembic.js';
import { setNotNull } from './set-not-null.js';
import { truncateTable } from './truncate-table.js';
import { unboundedDeleteUpdate } from './unbounded-delete-update.js';
import { unparsableMigration } from './unparsable-migration.js';
import { unreadSql } from './unread-sql.js';

/** Every MIG rule, in id order. */
export const migrationRules: readonly MigRule[] = [
  dropTable,
  dropColumn,
  dropSchemaOrDatabase,
  truncateTable,
  unboundedDeleteUpdate,
  renameTable,
  renameColumn,
  indexWithoutConcurrently,
  concurrentlyOutsideAutocommit,
  notNullColumnWithoutDefault,
  setNotNull,
  columnTypeChange,
  unreadSql,
  multipleHeads,
  missingParent,
  duplicateRevision,
  revisionCycle,
  headerOutOfStep,
  notOnBaseHead,
  emptyDowngrade,
  downgradeNotInverse,
  baselineNotEmpty,
  schemaOutsideAlembic,
  unparsableMigration,
];

/**
 * The MIG family. It reads migrations through the check's workspace (`ctx.workspace`, whose
 * cache the host owns); `analyzer` serves checks run without one (and benchmarks that need a
 * cold start pass a fresh `new MigrationAnalyzer()`).
 */
export function createMigrationFamily(analyzer: MigrationAnalyzer = new MigrationAnalyzer()): RuleFamily {
  // Per-file findings, keyed by the analyzer's cached facts: an unchanged file is not re-judged.
  const perModule = new WeakMap<MigrationModule, Finding[]>();
  const perSqlFile = new WeakMap<SchemaOp[], Finding[]>();
  const moduleRules = migrationRules.filter((r) => r.checkModule);
  const sqlRules = migrationRules.filter((r) => r.checkSqlFile);
  return {
    id: 'MIG',
    rules: migrationRules.map((r) => r.meta),
    check(ctx) {
      const section = ctx.policy.policy.migrations;
      if (!section) return { findings: [], filesChecked: [] };
      const analysis = (ctx.workspace?.migrations ?? analyzer).analyze(
        ctx.repo,
        migrationSources(ctx.repo, section),
      );
      const facts = buildFacts(ctx, section, analysis);
      const findings: Finding[] = [];
      for (const { module } of facts.reportModules) {
        let found = perModule.get(module);
        if (!found) {
          found = moduleRules.flatMap((r) => r.checkModule?.(module) ?? []);
          perModule.set(module, found);
        }
        findings.push(...found);
      }
      for (const file of facts.reportSqlFiles) {
        let found = perSqlFile.get(file.ops);
        if (!found) {
          found = sqlRules.flatMap((r) => r.checkSqlFile?.(file) ?? []);
          perSqlFile.set(file.ops, found);
        }
        findings.push(...found);
      }
      for (const rule of migrationRules) if (rule.check) findings.push(...rule.check(facts));
      // The engine scans the files listed here for suppression comments. With a change, history
      // the change does not touch is not judged file by file, so its `# slipway: allow` comments
      // would all "suppress nothing" (SUP001): list those files only when a finding is in them.
      const withFindings = new Set(findings.map((f) => f.file));
      const read = ctx.change
        ? analysis.filesRead.filter((p) => facts.inScope(p) || withFindings.has(p))
        : analysis.filesRead;
      return { findings, filesChecked: [...read, ...facts.extraFiles] };
    },
  };
}

/**
 * The MIG family: Alembic and SQL migration safety (seed 004). Runs when the policy has a
 * `migrations` section. SQL is read only after the host awaited `initSqlParser()`; before that,
 * each op.execute is reported as unread (MIG030) rather than guessed at.
 */
export const migrationFamily: RuleFamily = createMigrationFamily();
