import { runCheck } from '../../engine.js';
import type { Finding } from '../../finding.js';
import { readMigrationTrees } from '../../workspace-migrations.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { RepoView } from '../../repo.js';
import { attributeCauses } from '../../trace/causes.js';
import { buildTracePlan } from '../../trace/plan.js';
import type { JsRenderers } from '../../trace/plan-types.js';
import { judgeFindings, type TraceReport } from '../../trace/report.js';
import { summarizeTrace } from '../../trace/summary.js';
import { traceSources } from '../../trace/sources.js';
import type { Workspace } from '../../workspace.js';
import { type OpenTraceDb, runTracePlan } from './run-trace.js';

export interface TraceMigrationsOptions {
  policy: PolicyDocument;
  /** The files as the trace should read them (the CLI: disk or a commit; the editor: its buffers). */
  repo: RepoView;
  workspace: Workspace;
  env?: Readonly<Record<string, string | undefined>>;
  /** Repository paths to trace; those that are not migrations of the policy are left out. */
  paths: readonly string[];
  /** Refuse a path that is not a migration of the policy (the files were named by a person). */
  named?: boolean;
  openDb: OpenTraceDb;
  /** The JS tools' own renderers of their builder calls (the front end loads them: Knex is optional). */
  renderers?: JsRenderers;
  /** Stops after the statement running now; the report covers what ran. */
  signal?: AbortSignal;
  /** One line per phase (starting the database, building the schema, tracing). */
  onProgress?: (message: string) => void;
  now?: Date;
}

export type TraceMigrationsResult =
  | { ok: true; report: TraceReport; statics: Finding[] }
  | { ok: false; code: 'no-migrations' | 'not-a-migration'; message: string };

/**
 * `slipway trace` for every front end: which migrations build the schema and which are traced,
 * the run on the embedded database, then the static MIG findings of the traced files judged by
 * what was measured. The CLI and the language server differ only in the files they read and
 * the database they pass.
 */
export async function traceMigrations(o: TraceMigrationsOptions): Promise<TraceMigrationsResult> {
  const section = o.policy.policy.migrations;
  if (!section)
    return {
      ok: false,
      code: 'no-migrations',
      message: 'the policy has no `migrations` section: there are no migrations to trace',
    };
  const analysis = readMigrationTrees(o.repo, section, o.workspace);
  const sources = traceSources(o.repo, analysis, o.paths);
  const unknown = sources.unknown[0];
  if (o.named && unknown !== undefined)
    return {
      ok: false,
      code: 'not-a-migration',
      message: `${unknown} is not a migration the policy's \`migrations\` section names (an Alembic revision, a Django migration, a Knex, TypeORM, Sequelize, Kysely or MikroORM migration, or a \`sql:\` file); trace only those`,
    };
  const ranAt = (o.now ?? new Date()).toISOString();
  const plan = buildTracePlan(sources.history, sources.traced, o.renderers);
  const run = await runTracePlan(plan, o.openDb, o.signal, o.onProgress);
  const tracedFiles = new Set(sources.traced.map((s) => s.path));
  const statics = runCheck({
    policy: o.policy,
    repo: o.repo,
    ...(o.env ? { env: o.env } : {}),
    only: ['MIG'],
    workspace: o.workspace,
  }).findings.filter((f) => tracedFiles.has(f.file));
  const caused = attributeCauses(plan, run);
  // Judged on the statements with their causes: a skipped one says why its object was missing.
  const attributed = { ranAt, ...caused, findings: judgeFindings(statics, caused.statements) };
  return { ok: true, report: { ...attributed, summary: summarizeTrace(attributed, plan.setup) }, statics };
}
