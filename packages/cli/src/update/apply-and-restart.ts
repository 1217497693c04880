import type { UpdateConfig } from '@slipway/policy-core';
import type { Target } from './discover.js';
import { type GitRunner, gitOk } from './git.js';
import { waitHealthy } from './health-check.js';
import { type HookContext, runHook } from './hooks.js';
import { StepError } from './step-error.js';

/**
 * Step 5, apply: a release tag is checked out as a detached HEAD (what runs is exactly the
 * signed commit); the branch track fast-forwards its branch and never merges.
 */
export async function applyTarget(
  runner: GitRunner,
  config: UpdateConfig,
  target: Target,
  branch: string | null,
) {
  if (config.track === 'branch' && branch !== null) {
    await gitOk(runner, 'apply', ['merge', '--ff-only', '--quiet', target.commit]);
  } else {
    await gitOk(runner, 'apply', ['checkout', '--quiet', '--detach', target.commit]);
  }
}

/**
 * Step 6: quiesce the trading loop, restart, resume, then wait for the health endpoint.
 * `service.touched` is set before the first command runs, so a rollback knows the service must
 * be brought back up on the old code even when quiescing itself failed halfway.
 * Returns a short health note for the report.
 */
export async function serviceCycle(
  hooks: HookContext,
  service: { touched: boolean },
  /** Told each step before it starts (the in-progress marker follows them). */
  onStep: (step: 'quiesce' | 'restart' | 'resume' | 'health') => void = () => {},
): Promise<string> {
  const { config } = hooks;
  service.touched = true;
  onStep('quiesce');
  await runHook(hooks, 'quiesce', config.quiesce_command);
  onStep('restart');
  await runHook(hooks, 'restart', config.restart_command);
  onStep('resume');
  await runHook(hooks, 'resume', config.resume_command);
  if (!config.health_url) return '; no health_url configured, health not checked';
  onStep('health');
  const health = await waitHealthy(config.health_url, config.health_timeout_seconds);
  if (!health.ok)
    throw new StepError(
      'health',
      `${config.health_url} was not healthy within ${config.health_timeout_seconds}s (last: ${health.last})`,
    );
  return `; healthy (${health.last})`;
}
