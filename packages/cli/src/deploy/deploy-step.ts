import type { Writable } from 'node:stream';
import type { ResolvedEnvironment } from './environment.js';
import { checkHealth } from './health-check.js';
import { runCommand } from './run-command.js';

export interface StepResult {
  ok: boolean;
  /** Lines for the terminal and the audit entry's details. */
  details: string[];
  /** Slipway got this signal while the command ran: it was stopped and no health was checked. */
  interrupted?: NodeJS.Signals;
}

/**
 * Runs the environment's deploy (or rollback) command for `sha`, then every health check.
 * The SHA travels as an environment variable, never spliced into the argv.
 */
export async function deployAndVerify(
  env: ResolvedEnvironment,
  sha: string,
  opts: { root: string; out: Writable; rollback?: boolean; previousSha?: string },
): Promise<StepResult> {
  const argv = (opts.rollback ? env.config.rollback : undefined) ?? env.config.deploy;
  const details: string[] = [];
  if (argv) {
    opts.out.write(
      `running ${opts.rollback && env.config.rollback ? 'rollback' : 'deploy'} command: ${argv.join(' ')}\n`,
    );
    const run = await runCommand(argv, {
      cwd: opts.root,
      env: {
        SLIPWAY_SHA: sha,
        SLIPWAY_ENV: env.name,
        SLIPWAY_ACTION: opts.rollback ? 'rollback' : 'deploy',
        ...(opts.previousSha ? { SLIPWAY_PREVIOUS_SHA: opts.previousSha } : {}),
      },
      timeoutMs: env.config.deploy_timeout_s * 1000,
      out: opts.out,
      prefix: `  [${env.name}] `,
    });
    details.push(`command: ${run.detail}`);
    if (run.interrupted) return { ok: false, details, interrupted: run.interrupted };
    if (!run.ok) return { ok: false, details };
  } else {
    details.push('command: none configured (health checks only)');
  }
  const results = await healthAll(env);
  for (const r of results) {
    opts.out.write(
      `  health ${r.ok ? 'ok  ' : 'FAIL'} ${r.url}: ${r.detail} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})\n`,
    );
    details.push(`health ${r.url}: ${r.ok ? 'ok' : 'failed'}, ${r.detail}`);
  }
  return { ok: results.every((r) => r.ok), details };
}

export function healthAll(env: ResolvedEnvironment) {
  return Promise.all(env.health.map((h) => checkHealth(h.url, h.options)));
}
