import {
  MIN_SEARCHED_SECRET_LENGTH,
  type ProgressEvent,
  type ResolvedEnvironment,
  type StepOutcome,
} from '../../index.js';
import { checkHealth, type HealthResult, type HealthRetry } from './health-check.js';
import { runCommand } from './run-command.js';
import type { StopScope } from './stop-scope.js';

export interface StepResult {
  ok: boolean;
  /** Lines for the terminal and the audit entry's details. */
  details: string[];
  /** The command and each health check, as the result's steps. */
  outcomes: StepOutcome[];
  /** Slipway was stopped during the step (a signal's name, or "cancellation"): the caller logs and stops. */
  interrupted?: string;
  /** What the signal stopped: the command (and no health was checked), or the health checks. */
  interruptedDuring?: 'command' | 'health';
  /** The command could not be started: nothing was deployed, so there is nothing to undo. */
  notStarted?: boolean;
}

interface StepOptions {
  root: string;
  /** The environment the command inherits (the caller's, with the policy's variables). */
  env: Record<string, string | undefined>;
  progress: (event: ProgressEvent) => void;
  /** Opens the scope the step runs in (see stop-scope.ts). */
  openStop: () => StopScope;
  rollback?: boolean;
  previousSha?: string;
}

/**
 * Runs the environment's deploy (or rollback) command for `sha`, then every health check.
 * The SHA travels as an environment variable, never spliced into the argv.
 *
 * From the first moment to the last, a stop signal (Ctrl-C, a cancelled CI job, a closed
 * terminal) stops the step instead of killing Slipway, so that the caller's `started` entry
 * always gets its end: the command's process group is stopped, or the health checks are
 * abandoned (requests dropped, backoff cut short), and the result says which.
 */
export async function deployAndVerify(
  env: ResolvedEnvironment,
  sha: string,
  opts: StepOptions,
): Promise<StepResult> {
  const scope = opts.openStop();
  try {
    return await runStep(env, sha, opts, scope);
  } finally {
    scope.close();
  }
}

async function runStep(
  env: ResolvedEnvironment,
  sha: string,
  opts: StepOptions,
  scope: StopScope,
): Promise<StepResult> {
  const argv = (opts.rollback ? env.config.rollback : undefined) ?? env.config.deploy;
  const details: string[] = [];
  const outcomes: StepOutcome[] = [];
  const stepId = opts.rollback ? 'rollback' : 'deploy';
  if (argv) {
    opts.progress({
      step: stepId,
      message: `running ${opts.rollback && env.config.rollback ? 'rollback' : 'deploy'} command: ${argv.join(' ')}`,
    });
    // Said, not silently skipped: the command's output may print these values as they are.
    if (env.unsearched.length > 0)
      opts.progress({
        step: stepId,
        message: `note: ${env.unsearched.map((n) => `\${${n}}`).join(', ')} ${env.unsearched.length === 1 ? 'is' : 'are'} under ${MIN_SEARCHED_SECRET_LENGTH} characters, too short to be hidden in the command's output (URLs show the name); keep secrets longer`,
      });
    const prefix = `  [${env.name}] `;
    const run = await runCommand(argv, {
      cwd: opts.root,
      baseEnv: opts.env,
      env: {
        SLIPWAY_SHA: sha,
        SLIPWAY_ENV: env.name,
        SLIPWAY_ACTION: opts.rollback ? 'rollback' : 'deploy',
        ...(opts.previousSha ? { SLIPWAY_PREVIOUS_SHA: opts.previousSha } : {}),
      },
      timeoutMs: env.config.deploy_timeout_s * 1000,
      // The command inherits the variables the policy expanded and may print them.
      redact: env.redact,
      onLine: ({ stream, line }) =>
        opts.progress({ step: stepId, message: `${prefix}${line}`, output: { stream, chunk: line } }),
      stop: scope.stop,
      stopNow: scope.stopNow,
    });
    details.push(`command: ${run.detail}`);
    outcomes.push({ step: stepId, name: 'command', ok: run.ok, detail: run.detail });
    if (run.interrupted)
      return { ok: false, details, outcomes, interrupted: run.interrupted, interruptedDuring: 'command' };
    if (!run.ok) return { ok: false, details, outcomes, ...(run.notStarted ? { notStarted: true } : {}) };
  } else {
    details.push('command: none configured (health checks only)');
  }
  // Each check's line as it finishes, and each retry as it is decided: the checks run at once
  // and may take minutes between them, so the lines come in the order the answers do.
  const results = await healthAll(env, scope.stop, {
    onResult: (r) =>
      opts.progress({
        step: 'health',
        message: `  health ${r.interrupted ? 'STOP' : r.ok ? 'ok  ' : 'FAIL'} ${r.url}: ${r.detail} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`,
      }),
    onRetry: (r) =>
      opts.progress({
        step: 'health',
        message: `  health retry ${r.url}: ${r.detail} (attempt ${r.attempt} of ${r.of}); again in ${r.backoffMs} ms`,
      }),
  });
  // A signal that came while the checks ran stops the step even if every check had just
  // answered: whoever sent it must not see Slipway go on to record, roll back or commit.
  const signal = scope.signal;
  if (signal) details.push(healthInterruptedLine(signal, results));
  for (const r of results) details.push(healthDetail(r));
  for (const r of results) outcomes.push({ step: 'health', name: r.url, ok: r.ok, detail: r.detail });
  if (signal) return { ok: false, details, outcomes, interrupted: signal, interruptedDuring: 'health' };
  return { ok: results.every((r) => r.ok), details, outcomes };
}

function healthDetail(r: HealthResult): string {
  if (r.interrupted) return `health ${r.url}: not finished, ${r.detail}`;
  return `health ${r.url}: ${r.ok ? 'ok' : 'failed'}, ${r.detail}`;
}

/** The audit detail that says the checks were stopped, and which had no answer yet. */
function healthInterruptedLine(signal: string, results: HealthResult[]): string {
  const unfinished = results.filter((r) => r.interrupted).map((r) => r.url);
  return unfinished.length > 0
    ? `health checks: interrupted by ${signal} before ${unfinished.join(', ')} finished`
    : `health checks: interrupted by ${signal} as they finished`;
}

/**
 * Every health check of `env` at once; `stop` abandons those still running (see checkHealth).
 * `onResult` hears of each check as it finishes, `onRetry` of each failed attempt it will retry.
 */
export function healthAll(
  env: ResolvedEnvironment,
  stop?: AbortSignal,
  events: { onResult?: (r: HealthResult) => void; onRetry?: (r: HealthRetry) => void } = {},
): Promise<HealthResult[]> {
  return Promise.all(
    env.health.map(async (h) => {
      const r = await checkHealth(h.request, h.options, stop, events.onRetry);
      events.onResult?.(r);
      return r;
    }),
  );
}
