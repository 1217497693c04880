import { relative, resolve } from 'node:path';
import {
  allRules,
  buildTracePlan,
  judgeFindings,
  readMigrationTrees,
  renderSarif,
  renderTraceJson,
  renderTraceText,
  runCheck,
  type TraceReport,
  traceFindingsAsFindings,
  traceSources,
} from '@slipway/policy-core';
import { type Command, type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openCheckContext } from '../repo-context.js';
import { runTracePlan } from '../trace/run-trace.js';
import { VERSION } from '../version.js';
import { writeReport } from '../write-output.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

export const traceCommand: Command = {
  name: 'trace',
  usage: `Usage: slipway trace [options] [FILE...]

Runs migrations on an embedded PostgreSQL (PGlite, in memory) and reports, for each statement,
the locks it took (as pg_locks names them), the tables it rewrote and the time it took. First
the migrations before them build the schema; then each statement runs in its own transaction.
Alembic migrations are traced through the op.* calls Slipway renders to SQL; what it cannot
render is listed as not traced. The static MIG findings on those lines are then confirmed or
refuted by what was measured.

FILE...               migration files to trace (.sql, or Alembic .py); default: the migrations the
                      change between --base and --head adds or modifies
  --repo DIR          repository (default: the current directory)
  --base REF          base of the change (default: merge-base of HEAD with the production branch)
  --head REF          head of the change (default: HEAD)
  --format FMT        text (default), json ({"statements": [...], "findings": [...]}) or sarif
  --output FILE       write the report to FILE (atomically) instead of standard output`,
  run: runTraceCommand,
};

const flagOptions = {
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
} as const;

async function runTraceCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('trace', ctx.argv, flagOptions);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UserError(
      `unknown format \`${format}\` for \`slipway trace --format\`; use one of ${FORMATS.join(', ')}`,
    );
  const byFiles = positionals.length > 0;
  const { context, change } = await openCheckContext(
    ctx.cwd,
    values.repo,
    byFiles ? undefined : { base: values.base, head: values.head },
    ctx.env,
  );
  const section = context.policy.policy.migrations;
  if (!section)
    throw new UserError('slipway.yaml has no `migrations` section: there are no migrations to trace');
  // Stderr, as check does: which policy applied when that is not the usual choice, or nothing to trace.
  if (context.governing.notice) ctx.stderr.write(`${context.governing.notice}\n`);
  const analysis = readMigrationTrees(context.repo, section, context.workspace);
  const paths = byFiles
    ? positionals.map((p) => relative(context.root, resolve(ctx.cwd, p)).split('\\').join('/'))
    : (change?.files ?? []).filter((f) => f.status !== 'deleted').map((f) => f.path);
  const sources = traceSources(context.repo, analysis, paths);
  if (byFiles && sources.unknown.length > 0)
    throw new UserError(
      `${sources.unknown[0]} is not a migration the policy's \`migrations\` section names (an Alembic version file or a \`sql:\` file); trace only those`,
    );
  const plan = buildTracePlan(sources.history, sources.traced);
  // Ctrl-C: stop after the statement running now; the database is in memory, nothing to clean.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  let run: Awaited<ReturnType<typeof runTracePlan>>;
  try {
    run = await runTracePlan(plan, abort.signal);
  } finally {
    process.off('SIGINT', onSignal);
  }
  const tracedFiles = new Set(sources.traced.map((s) => s.path));
  const statics = runCheck({
    policy: context.policy,
    repo: context.repo,
    env: ctx.env,
    only: ['MIG'],
    workspace: context.workspace,
  }).findings.filter((f) => tracedFiles.has(f.file));
  const report: TraceReport = { ...run, findings: judgeFindings(statics, run.statements) };
  const text =
    format === 'json'
      ? renderTraceJson(report)
      : format === 'sarif'
        ? renderSarif(traceFindingsAsFindings(report, statics), { rules: allRules(), toolVersion: VERSION })
        : renderTraceText(report);
  writeReport(text, values.output, ctx.cwd, ctx.stdout);
  if (abort.signal.aborted) {
    ctx.stderr.write('slipway trace: interrupted; the report covers the statements run before Ctrl-C\n');
    return 130;
  }
  return report.statements.some((s) => s.status === 'error') || report.setupErrors.length > 0 ? 1 : 0;
}
