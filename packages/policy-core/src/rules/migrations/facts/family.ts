import { appendAll } from '../../../append-all.js';
import { withCallSites } from '../../../migrations/called-bodies.js';
import { distinctFindings } from './distinct-findings.js';
import { reviseInPlaceTypeChanges } from './types-in-place.js';
import { addNotNullBoundFindings } from './not-null-columns.js';
import { addEarlierRowSecurityFindings } from './earlier-row-security.js';
import type { Finding } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { MigrationAnalyzer } from '../../../migrations/analyze.js';
import { migrationsOf } from '../../../workspace-migrations.js';
import { npmFilesOf } from '../../../workspace-npm-files.js';
import { migrationSources } from '../../../migrations/policy-sources.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { AnyRule, RuleFamily } from '../../../rule.js';
import { buildFacts, type MigHistoryRule } from './mig-facts.js';
import { judgeSqlFile, migFileRulesOf } from './sql-file-results.js';
import { addValidateLaterFixes } from './validate-later-fix.js';
import { addExpandContractFixes } from './expand-contract-fix.js';
import { reviseGuardedFindings } from './guarded-findings.js';
import { reviseNewGuardedTables } from './new-guarded-tables.js';
import { addBatchLockFindings } from './mikro-orm-batch.js';
import { sectionFamily } from '../../section-family.js';

/**
 * The MIG family. It reads migrations through the check's workspace (`ctx.workspace`, whose
 * cache the host owns); `analyzer` serves checks run without one (and benchmarks that need a
 * cold start pass a fresh `new MigrationAnalyzer()`). Runs when
 * the policy has a `migrations` section. SQL is read only after the host awaited
 * `initSqlParser()`; before that, each op.execute is reported as unread (MIG030), not guessed at.
 */
export function createMigrationFamily(
  rules: readonly AnyRule[],
  analyzer: MigrationAnalyzer = new MigrationAnalyzer(),
): RuleFamily {
  const fileRules = migFileRulesOf(rules);
  const historyRules = rules.filter((r) => r.facts === 'migration-history') as MigHistoryRule[];
  // Per-file findings, keyed by the analyzer's cached facts: an unchanged file is not re-judged.
  const perModule = new WeakMap<MigrationModule, Finding[]>();
  const perSqlFile = new WeakMap<SchemaOp[], Finding[]>();
  return sectionFamily('MIG', rules, 'migrations', (ctx, section) => {
    const reader = ctx.workspace ? migrationsOf(ctx.workspace) : analyzer;
    const analysis = reader.analyze(
      ctx.repo,
      migrationSources(ctx.repo, section, ctx.workspace && npmFilesOf(ctx.workspace)),
    );
    const facts = buildFacts(ctx, section, analysis);
    // Rules about another database's behaviour (PostgreSQL's locks on a SQLite app) stay silent.
    // Per-file findings are cached for every rule and filtered here, so a dialect edited in the
    // editor takes effect without re-parsing anything.
    const silent = new Set(
      rules.filter((r) => r.dialects && !r.dialects.includes(section.dialect)).map((r) => r.id),
    );
    const findings: Finding[] = [];
    for (const { module } of facts.reportModules) {
      let found = perModule.get(module);
      if (!found) {
        const source = { text: () => ctx.repo.readFile(module.path) };
        found = distinctFindings(fileRules.flatMap((r) => r.check({ kind: 'module', module, source })));
        // A finding in a function of the file that up() ran: where it was called from.
        if (module.calledBodies) found = withCallSites(found, module.path, module.calledBodies);
        perModule.set(module, found);
      }
      appendAll(findings, found);
    }
    for (const file of facts.reportSqlFiles) {
      let found = perSqlFile.get(file.ops) ?? reader.storedFileFindings(file.ops);
      if (!found) {
        found = judgeSqlFile(file, fileRules, {
          text: () => ctx.repo.readFile(file.path),
          runner: analysis.sqlRunner,
        });
        reader.judgedSqlFile(file.path, file.ops, found);
      }
      perSqlFile.set(file.ops, found);
      appendAll(findings, found);
    }
    // What the history says of tables made IF NOT EXISTS (MIG020 on an index of one).
    reviseGuardedFindings(facts, findings, fileRules);
    // Tables made IF NOT EXISTS that the history says are new: exempt as new tables (new-guarded-tables.ts).
    reviseNewGuardedTables(facts, findings, fileRules, (file) => ({
      kind: 'sql',
      file,
      source: { text: () => ctx.repo.readFile(file.path), runner: analysis.sqlRunner },
    }));
    // Type changes the series' own history shows PostgreSQL makes in place (MIG024).
    reviseInPlaceTypeChanges(facts, findings);
    // A WHERE bounded only by `col IS NOT NULL` on a column the series makes NOT NULL (MIG006).
    addNotNullBoundFindings(facts, findings, fileRules);
    // A swap's copy read under row security an earlier migration set (MIG001).
    addEarlierRowSecurityFindings(facts, findings, fileRules);
    // Locks a MikroORM batch holds from one pending migration through the next (MIG044).
    addBatchLockFindings(facts, findings, fileRules);
    // The fixes that need more than their own file: where the new migration goes.
    addValidateLaterFixes(facts, findings);
    addExpandContractFixes(facts, findings);
    for (const rule of historyRules) if (!silent.has(rule.id)) appendAll(findings, rule.check(facts));
    if (silent.size > 0) {
      const kept = findings.filter((f) => !silent.has(f.rule));
      findings.length = 0;
      appendAll(findings, kept);
    }
    // The engine scans the files listed here for suppression comments. With a change, history
    // the change does not touch is not judged file by file, so its `# slipway: allow` comments
    // would all "suppress nothing" (SUP001): list those files only when a finding is in them.
    // The same holds for migrations already applied when checking a tree.
    const withFindings = new Set(findings.map((f) => f.file));
    const applied = facts.history.applied;
    const read =
      ctx.change || applied
        ? analysis.filesRead.filter((p) => facts.inScope(p) || withFindings.has(p))
        : analysis.filesRead;
    return {
      findings,
      filesChecked: [...read, ...facts.extraFiles],
      ...(facts.extraFiles.size > 0 ? { searched: searchedOnly(facts.extraFiles, read) } : {}),
      ...(applied
        ? {
            notJudged: [
              { what: 'applied migrations', files: [...applied.files].sort(), reason: applied.reason },
            ],
          }
        : {}),
      ...(facts.history.notes.length > 0 ? { scopeNotes: facts.history.notes } : {}),
    };
  });
}

/** Files MIG121 and MIG150 searched that no migration reads or runs: counted apart (coverage-count.ts). */
function searchedOnly(extra: ReadonlySet<string>, read: readonly string[]): string[] {
  const own = new Set(read);
  return [...extra].filter((f) => !own.has(f));
}
