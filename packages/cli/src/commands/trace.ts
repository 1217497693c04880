import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  allRules,
  printable,
  printableLines,
  renderSarif,
  renderTraceJson,
  renderTraceText,
  traceFindingsAsFindings,
} from '@slipway/policy-core';
import { saveTrace, traceMigrations } from '@slipway/policy-core/node';
import { type Command, type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openCheckContext } from '../repo-context.js';
import { loadJsRenderers } from '../trace/js-renderers.js';
import { openTraceDb } from '../trace/open-trace-db.js';
import { VERSION } from '../version.js';
import { writeReport } from '../write-output.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

/**
 * A file argument as a path in the repository: relative to the working directory, as shells
 * complete it; with `--repo` naming another directory, a path that is there only relative to the
 * repository's root (as `check` prints it) is read from the root.
 */
function repoPath(root: string, cwd: string, arg: string): string {
  const posix = (p: string) => p.split('\\').join('/');
  const fromCwd = relative(root, resolve(cwd, arg));
  const outside = fromCwd === '..' || fromCwd.startsWith('../') || isAbsolute(fromCwd);
  if (!isAbsolute(arg) && (outside || !existsSync(resolve(cwd, arg))) && existsSync(resolve(root, arg)))
    return posix(relative(root, resolve(root, arg)));
  return posix(fromCwd);
}

export const traceCommand: Command = {
  name: 'trace',
  usage: `Usage: slipway trace [options] [FILE...]

Runs migrations on an embedded PostgreSQL (PGlite, in memory) and reports, for each statement,
the locks it took (as pg_locks names them), the tables it rewrote and the time it took. First
the migrations before them build the schema; then each statement runs in its own transaction.
Alembic migrations are traced through the op.* calls Slipway renders to SQL; a column type it
does not know runs as a stand-in (text), and no claim that depends on the type is proved from
it; what it cannot render is not traced. Django migrations are traced through their operations,
rendered as Django's PostgreSQL schema editor sends them after the app's earlier migrations
(RunPython and what it does not render are not traced). JS tools' migrations are not rendered:
named, one is refused; among a change's files, it is counted as not traced. The static MIG
findings on those lines are then
confirmed or refuted by what was measured. The report leads with what it proved, then one line
per cause of what it did not: a step that failed only because an earlier one was not traced is
counted under that one's cause. Statements that must run outside a transaction block (CREATE INDEX
CONCURRENTLY, VACUUM, REINDEX CONCURRENTLY, ...) release their locks before they can be read:
for those the report gives the lock PostgreSQL documents, marked documented, not observed.
The result is also kept in the git directory (slipway/trace.json), where the editor's language
server reads it to show each statement's locks when the cursor rests on it.

FILE...               migration files to trace (.sql, Alembic or Django .py), relative to the current
                      directory or, when not there, to the repository's root (as check prints
                      them); default: the migrations the change between --base and --head adds
                      or modifies
  --repo DIR          repository (default: the current directory)
  --base REF          base of the change (default: merge-base of HEAD with the production branch)
  --head REF          head of the change (default: HEAD)
  --format FMT        text (default), json ({"summary": {...}, "statements": [...], ...}) or sarif
  --verbose           text: also list each step not traced and each failure, not only one
                      line per cause (json always carries them)
  --output FILE       write the report to FILE (atomically) instead of standard output`,
  run: runTraceCommand,
};

const flagOptions = {
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  verbose: { type: 'boolean' },
} as const;

async function runTraceCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('trace', ctx.argv, flagOptions);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UserError(
      `unknown format \`${format}\` for \`slipway trace --format\`; use one of ${FORMATS.join(', ')}`,
    );
  // Ctrl-C: stop after the statement running now and still write the report and the saved trace
  // (atomically: a temp file is renamed or removed, never left). The database is in memory.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal);
  try {
    return await traceAndReport(ctx, values, positionals, format, abort.signal);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function traceAndReport(
  ctx: CommandContext,
  values: ReturnType<typeof parseFlags<typeof flagOptions>>['values'],
  positionals: string[],
  format: string,
  signal: AbortSignal,
): Promise<number> {
  const byFiles = positionals.length > 0;
  const { context, change } = await openCheckContext(
    ctx.cwd,
    values.repo,
    byFiles ? undefined : { base: values.base, head: values.head },
    ctx.env,
  );
  // Stderr, as check does: which policy applied when that is not the usual choice.
  if (context.governing.notice) ctx.stderr.write(`${printableLines(context.governing.notice)}\n`);
  const paths = byFiles
    ? positionals.map((p) => repoPath(context.root, ctx.cwd, p))
    : (change?.files ?? []).filter((f) => f.status !== 'deleted').map((f) => f.path);
  const traced = await traceMigrations({
    policy: context.policy,
    repo: context.repo,
    workspace: context.workspace,
    env: ctx.env,
    paths,
    named: byFiles,
    openDb: ctx.openTraceDb ?? openTraceDb,
    renderers: await loadJsRenderers(),
    signal,
    // A person at a terminal sees what the wait is for, and that Ctrl-C still gets a report.
    ...((ctx.stderr as { isTTY?: boolean }).isTTY === true
      ? {
          onProgress: (m: string) =>
            ctx.stderr.write(
              `slipway trace: ${printable(m)}${m.startsWith('tracing') ? ' (Ctrl-C stops after the one running)' : ''}\n`,
            ),
        }
      : {}),
  });
  if (!traced.ok)
    throw new UserError(
      traced.code === 'no-migrations'
        ? 'slipway.yaml has no `migrations` section: there are no migrations to trace'
        : traced.message,
    );
  const { report, statics } = traced;
  const text =
    format === 'json'
      ? renderTraceJson(report)
      : format === 'sarif'
        ? renderSarif(traceFindingsAsFindings(report, statics), { rules: allRules(), toolVersion: VERSION })
        : renderTraceText(report, { verbose: values.verbose === true });
  writeReport(text, values.output, ctx.cwd, ctx.stdout);
  const saved = saveTrace(context.root, report);
  if ('error' in saved)
    ctx.stderr.write(`slipway trace: not kept for the editor: ${printable(saved.error)}\n`);
  if (signal.aborted) {
    ctx.stderr.write('slipway trace: interrupted; the report covers the statements run before Ctrl-C\n');
    return 130;
  }
  return report.statements.some((s) => s.status === 'error') || report.setupErrors.length > 0 ? 1 : 0;
}
