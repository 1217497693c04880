import { autoMigrationsDisabled, loadDbGraph, resolveDatabases } from '../../index.js';
import type { OpenDbOptions } from '../db/open-db.js';
import { readProductionDatabase } from '../db/production-database.js';
import { auditDirIn, runAudit } from '../db/run-audit.js';
import type { GuardStep, GuardStepInput, GuardStepResult } from './guard-step.js';
import { RULE_IDS } from '../../rule-ids.generated.js';

const TRUTHY = /^(1|true|yes|on)$/i;

/**
 * The database half of the deploy guard: audits the databases the policy lists under
 * `migrations.databases` whose URL is set (CI without secrets audits what it can and says what it
 * skipped, even when that is everything). An unreadable database fails the guard: it cannot vouch
 * for what it did not read; the findings of everything it did read are still reported. Every host
 * reaches PostgreSQL; `openEmbedded` is the host's PGlite (the CLI has it, the editor's bundle not).
 */
export function databaseAuditStep(openEmbedded?: OpenDbOptions['openEmbedded']): GuardStep {
  return {
    name: 'database audit',
    // The auto-migration switch matters to any policy with migrations, databases configured or not.
    applies: (context, env) =>
      (context.policy.policy.migrations !== undefined && autoMigrationsFlag(env) !== undefined) ||
      // Configured databases always apply, set or not: skipping them must be said, never silent.
      context.policy.policy.migrations?.databases !== undefined,
    run: (input) => runDatabaseAuditStep(input, openEmbedded),
    productionDatabase: (context, env) => readProductionDatabase(context, env, openEmbedded),
  };
}

/** The value of DISABLE_AUTO_MIGRATIONS when it is set to a true value. */
function autoMigrationsFlag(env: Record<string, string | undefined>): string | undefined {
  const flag = env.DISABLE_AUTO_MIGRATIONS;
  return flag !== undefined && TRUTHY.test(flag.trim()) ? flag : undefined;
}

export async function runDatabaseAuditStep(
  input: GuardStepInput,
  openEmbedded?: OpenDbOptions['openEmbedded'],
  now = new Date(),
): Promise<GuardStepResult> {
  const { context, env, log } = input;
  // A finding (DB006), not a log line: it must reach every output format, JSON and SARIF included.
  const flag = autoMigrationsFlag(env);
  const flagged = flag === undefined ? [] : autoMigrationsDisabled(context.policy, flag);
  if (context.policy.policy.migrations?.databases === undefined) return { findings: flagged, failures: [] };
  const resolved = resolveDatabases(context.policy, env);
  if (resolved.targets.length === 0) {
    const vars = resolved.skipped.map((s) => s.reason.replace(/ is not set$/, '')).join(', ');
    log(`guard: no database audited: none of their URL variables is set (${vars})`);
    return { findings: flagged, failures: [] };
  }
  for (const s of resolved.skipped) log(`guard: database ${s.name} not audited: ${s.reason}`);
  const loaded = await loadDbGraph(context);
  if (loaded.note) log(`guard: ${loaded.note}`);
  if (!loaded.graph)
    log(
      `guard: no revision graph (${loaded.reason}): ${RULE_IDS.unknownVersionRule} and ${RULE_IDS.behindHeadRule} not checked`,
    );
  const run = await runAudit({
    policy: context.policy,
    graph: loaded.graph,
    targets: resolved.targets,
    cwd: context.root,
    now,
    outDir: auditDirIn(context.root),
    ...(openEmbedded ? { openEmbedded } : {}),
  });
  for (const audit of run.report.databases) log(`guard: ${audit.facts.name}: ${audit.diagnosis}`);
  return { findings: [...flagged, ...run.report.findings], failures: run.failures.map((f) => f.error) };
}
