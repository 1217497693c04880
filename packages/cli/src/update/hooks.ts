import type { UpdateConfig } from '@slipway/policy-core';
import { describeFailure, runProcess } from './run-process.js';
import { StepError, type UpdateStep } from './step-error.js';

export interface HookContext {
  root: string;
  env: Record<string, string | undefined>;
  config: UpdateConfig;
  profile: string;
  from: string;
  to: string;
}

/**
 * Runs one of the configured commands (argv, no shell) in the checkout. The hook learns what is
 * happening from SLIPWAY_UPDATE_* variables (SLIPWAY_UPDATE_ROLLBACK=1 during a rollback); a non-zero exit fails the step it belongs to.
 * Returns false when the hook is not configured.
 */
export async function runHook(
  ctx: HookContext,
  step: UpdateStep,
  argv: readonly string[] | undefined,
  rollingBack = false,
): Promise<boolean> {
  if (!argv) return false;
  const r = await runProcess(argv, {
    cwd: ctx.root,
    env: {
      ...ctx.env,
      SLIPWAY_UPDATE_STEP: step,
      SLIPWAY_UPDATE_PROFILE: ctx.profile,
      SLIPWAY_UPDATE_FROM: ctx.from,
      SLIPWAY_UPDATE_TO: ctx.to,
      // Set while bringing the old version back, so a hook can tell a rollback from an update.
      ...(rollingBack ? { SLIPWAY_UPDATE_ROLLBACK: '1' } : {}),
    },
    timeoutMs: ctx.config.hook_timeout_seconds * 1000,
  });
  if (r.code !== 0) throw new StepError(step, describeFailure(argv, r));
  return true;
}
