import { type OpenTraceDb, saveTrace, traceMigrations } from '@slipway/policy-core/node';
import type { ServerContext } from '../context.js';
import type { CommandResponse, TraceArgs, TraceResult } from '../protocol/index.js';
import { readChangeUnderReview } from '../workspace/change-under-review.js';
import { toRepoPath, uriToPath } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';
import { workingTreeChanges } from '../workspace/working-tree.js';
import type { CommandRun } from './command-run.js';

type Answer = CommandResponse<TraceResult>;

/**
 * The host could not start its embedded PostgreSQL: an install that left PGlite out (it is an
 * optional dependency of the CLI), not a bug of the trace. Its message already says what to
 * install, so it is the user's one line, never a stack in the log.
 */
class TraceDbUnavailable extends Error {}

const refused = (code: string, message: string, hint?: string): Answer => ({
  ok: false,
  refused: { code, message, ...(hint ? { hint } : {}) },
});

/** The migrations the change under review touches: the branch's commits and what is not committed yet. */
async function changedPaths(project: Project, productionBranch: string, log: (l: string) => void) {
  const committed = await readChangeUnderReview(project.root, productionBranch, log);
  const working = await workingTreeChanges(project.root).catch(() => []);
  const paths = new Set<string>();
  for (const f of [...(committed?.files ?? []), ...working]) if (f.status !== 'deleted') paths.add(f.path);
  return [...paths];
}

/**
 * "Trace Migration Locks": `slipway trace` in the server process, over the editor's buffers, on the
 * embedded database the host passes (`slipway lsp` carries PGlite; the bundled server does not,
 * and says what to run instead: the hovers read a trace run in a terminal just the same). The
 * result is kept where `slipway trace` keeps it, so the hovers show it at once.
 */
export async function traceCommand(
  ctx: ServerContext,
  project: Project,
  args: TraceArgs,
  run: CommandRun,
): Promise<Answer> {
  const hostOpenDb = ctx.host.openTraceDb;
  if (!hostOpenDb)
    return refused(
      'no-embedded-postgres',
      "this language server carries no embedded PostgreSQL (PGlite), which the trace runs on: the editor's bundled server leaves it out, as it alone is larger than the whole extension",
      'Run `slipway trace` (or `slipway trace FILE`) in a terminal: hovers on the statements show its result as soon as it has run. Or use `slipway lsp` as the language server, which can run it from here.',
    );
  const openDb: OpenTraceDb = () =>
    hostOpenDb().catch((err: unknown) => {
      throw new TraceDbUnavailable(err instanceof Error ? err.message : String(err));
    });
  try {
    return await traceIn(ctx, project, args, run, openDb);
  } catch (err) {
    if (err instanceof TraceDbUnavailable) return refused('no-embedded-postgres', err.message);
    throw err;
  }
}

async function traceIn(
  ctx: ServerContext,
  project: Project,
  args: TraceArgs,
  run: CommandRun,
  openDb: OpenTraceDb,
): Promise<Answer> {
  await project.refresh();
  const policy = project.policyDocument();
  if (!policy)
    return refused('invalid-policy', 'the policy file does not parse', 'Fix the problems shown in it first.');
  const named = (args.files ?? []).map((uri) => {
    const path = uriToPath(uri);
    return { uri, path: path === undefined ? undefined : toRepoPath(project.root, path) };
  });
  const outside = named.find((f) => f.path === undefined);
  if (outside) return refused('bad-arguments', `${outside.uri} is not a file of ${project.root}`);
  const renderers = await ctx.host.loadTraceRenderers?.();
  // The hovers re-render what was traced with the same renderers (trace-hover.ts).
  ctx.service.state.traces.renderers = renderers;
  const trace = async (paths: string[], strict: boolean) =>
    traceMigrations({
      policy,
      repo: project.repo,
      workspace: project.workspace,
      env: process.env,
      paths,
      named: strict,
      openDb,
      ...(renderers ? { renderers } : {}),
      signal: run.signal,
      onProgress: (m) => run.step(`Slipway trace: ${m}`),
    });
  const activePath = args.activeFile && uriToPath(args.activeFile);
  const active = named.length === 0 && activePath ? toRepoPath(project.root, activePath) : undefined;
  // Files named: those. Else the active file when it is a migration (a model, the policy: not), else the change.
  const first = named.length > 0 ? named.map((f) => f.path as string) : active !== undefined ? [active] : [];
  let traced = first.length > 0 ? await trace(first, true) : undefined;
  const notActive = named.length === 0 && traced?.ok === false && traced.code === 'not-a-migration';
  if (traced === undefined || notActive)
    traced = await trace(
      await changedPaths(project, policy.policy.production_branch, (l) => ctx.connection.console.info(l)),
      false,
    );
  if (!traced.ok) return refused(traced.code, traced.message);
  const { report } = traced;
  if (report.statements.length === 0 && report.notTraced.length === 0)
    return refused(
      'nothing-to-trace',
      'the change under review adds or modifies no migration the policy names',
      'Open a migration and run the command there (it traces the file in the active editor).',
    );
  const saved = saveTrace(project.root, report);
  if ('error' in saved) run.step(`Slipway: the trace is not kept for the hovers: ${saved.error}`);
  const failed = report.statements.filter((s) => s.status === 'error').length;
  const n = report.statements.length;
  const summary = `${n} statement${n === 1 ? '' : 's'} traced, ${failed} failed, ${report.notTraced.length} not traced`;
  const result = { report, summary, ...('path' in saved ? { savedTo: saved.path } : {}) };
  if (run.signal.aborted)
    return {
      ok: false,
      refused: {
        code: 'cancelled',
        message: `cancelled after ${n} statement${n === 1 ? '' : 's'}: the rest did not run`,
        hint: 'The hovers show what ran; run the trace again for the rest.',
      },
      result,
    };
  return { ok: true, result };
}
