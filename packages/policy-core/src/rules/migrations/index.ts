import type { MigrationAnalyzer } from '../../migrations/analyze.js';
import { migrationSources, sharedMigrationAnalyzer } from '../../migrations/policy-sources.js';
import type { Finding } from '../../finding.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import type { RuleFamily } from '../rule.js';
import { baselineNotEmpty } from './MIG120-baseline-not-empty.js';
import { columnTypeChange } from './MIG024-column-type-change.js';
import { concurrentlyOutsideAutocommit } from './MIG021-concurrently-outside-autocommit.js';
import { downgradeNotInverse } from './MIG111-downgrade-not-inverse.js';
import { dropColumn } from './MIG002-drop-column.js';
import { dropSchemaOrDatabase } from './MIG003-drop-schema-or-database.js';
import { dropTable } from './MIG001-drop-table.js';
import { duplicateRevision } from './MIG102-duplicate-revision.js';
import { emptyDowngrade } from './MIG110-empty-downgrade.js';
import { headerOutOfStep } from './MIG104-header-out-of-step.js';
import { indexWithoutConcurrently } from './MIG020-index-without-concurrently.js';
import { buildFacts, type MigRule } from './facts/mig-facts.js';
import { missingParent } from './MIG101-missing-parent.js';
import { multipleHeads } from './MIG100-multiple-heads.js';
import { notNullColumnWithoutDefault } from './MIG022-not-null-column-without-default.js';
import { notOnBaseHead } from './MIG105-not-on-base-head.js';
import { renameColumn } from './MIG011-rename-column.js';
import { renameTable } from './MIG010-rename-table.js';
import { revisionCycle } from './MIG103-revision-cycle.js';
import { schemaOutsideAlembic } from './MIG121-schema-outside-alembic.js';
import { setNotNull } from './MIG023-set-not-null.js';
import { truncateTable } from './MIG005-truncate-table.js';
import { unboundedDeleteUpdate } from './MIG006-unbounded-delete-update.js';
import { unparsableMigration } from './MIG130-unparsable-migration.js';
import { unreadSql } from './MIG030-unread-sql.js';

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
 * The MIG family over a given analyzer (its content cache): the default shares one per process;
 * benchmarks and tests that need a cold start pass a fresh `new MigrationAnalyzer()`.
 */
export function createMigrationFamily(analyzer: MigrationAnalyzer = sharedMigrationAnalyzer): RuleFamily {
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
      const analysis = analyzer.analyze(ctx.repo, migrationSources(ctx.repo, section));
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
