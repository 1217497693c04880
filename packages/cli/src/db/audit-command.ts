import {
  exitCodeFor,
  loadDbGraph,
  printable,
  printableLines,
  recordJson,
  renderStatusLine,
  renderText,
  resolveDatabases,
  toJsonReport,
} from '@slipway/policy-core';
import { type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';
import { auditDirIn, runAudit } from './run-audit.js';
import { jsonText, RULE_IDS } from '@slipway/policy-core';

export const dbFlagCommon = {
  repo: { type: 'string' },
  db: { type: 'string', multiple: true },
  timeout: { type: 'string' },
} as const;

export function parseTimeout(value: string | undefined, command: string): number {
  if (value === undefined) return 10_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UserError(`slipway ${command} --timeout: "${value}" is not a positive number of seconds`);
  }
  return Math.round(seconds * 1000);
}

/** `slipway db audit`: what a team's db_audit.sh did, and the database half of its deploy guard. */
export async function runDbAudit(ctx: CommandContext, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseFlags(
    'db audit',
    ctx.argv,
    { ...dbFlagCommon, format: { type: 'string', short: 'f' }, 'no-write': { type: 'boolean' } },
    false,
  );
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UserError(`unknown format \`${format}\` for \`slipway db audit --format\`; use text or json`);
  }
  const connectTimeoutMs = parseTimeout(values.timeout, 'db audit');
  const context = await openRepoContext(ctx.cwd, values.repo);
  const resolved = resolveDatabases(context.policy, ctx.env, values.db ?? []);
  for (const s of resolved.skipped)
    ctx.stderr.write(`slipway db audit: ${printable(`${s.name} not audited: ${s.reason}`)}\n`);
  if (resolved.targets.length === 0) {
    throw new UserError(
      resolved.configured
        ? `no database to audit: none of the databases under migrations.databases in ${context.policy.file} has its URL set`
        : `no database to audit: set $DATABASE_URL (dev) and/or $DATABASE_URL_PROD (prod), or list them under migrations.databases in ${context.policy.file}`,
    );
  }
  const loaded = await loadDbGraph(context);
  if (loaded.note) ctx.stderr.write(`slipway db audit: ${printable(loaded.note)}\n`);
  if (!loaded.graph) {
    ctx.stderr.write(
      `slipway db audit: no revision graph (${printable(String(loaded.reason))}): ${RULE_IDS.unknownVersionRule} and ${RULE_IDS.behindHeadRule} not checked\n`,
    );
  }
  const run = await runAudit({
    policy: context.policy,
    graph: loaded.graph,
    targets: resolved.targets,
    cwd: context.root,
    now: now(),
    outDir: values['no-write'] ? undefined : auditDirIn(context.root),
    connectTimeoutMs,
  });
  const { report, failures } = run;
  if (format === 'json') {
    const json = {
      ...toJsonReport(report.findings, 0),
      databases: [
        ...report.databases.map((d) => ({
          name: d.facts.name,
          status: d.diagnosis,
          database: d.facts.database,
          ...recordJson(d.history),
          pending: d.pending,
          tables: d.facts.tables.length,
        })),
        ...failures.map((f) => ({ name: f.name, status: 'ERROR', error: f.error })),
      ],
    };
    ctx.stdout.write(`${jsonText(json)}\n`);
    // Stdout is for tools here; say what could not be read where a person sees it.
    for (const f of failures) ctx.stderr.write(`slipway db audit: ${printableLines(f.error)}\n`);
  } else {
    for (const audit of report.databases) ctx.stdout.write(`${printableLines(renderStatusLine(audit))}\n`);
    for (const f of failures) ctx.stdout.write(`${'ERROR'.padEnd(8)} ${printableLines(f.error)}\n`);
    // renderText's last line counts files, which means nothing for databases.
    const lines = renderText(report.findings, 0).trimEnd().split('\n').slice(0, -1);
    if (lines.length > 0) ctx.stdout.write(`${lines.join('\n')}\n`);
    if (run.written.length > 0) {
      const dir = auditDirIn(context.root);
      ctx.stderr.write(`slipway db audit: summaries in ${dir}\n`);
    }
  }
  return failures.length > 0 ? 1 : exitCodeFor(report.findings);
}
