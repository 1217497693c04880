import { gitInvocation } from '@slipway/policy-core/node';
import { type ProcessResult, describeFailure, runProcess } from './run-process.js';
import { StepError, type UpdateStep } from './step-error.js';

export interface GitRunner {
  root: string;
  env: Record<string, string | undefined>;
}

const GIT_TIMEOUT_MS = 120_000;

/**
 * Runs git in the bot's checkout, started as every git Slipway starts (gitInvocation: the
 * checkout given explicitly, no hooks, no fsmonitor, no redirecting GIT_* variable); never
 * prompts (a missing credential fails instead of hanging). Messages name the caller's own
 * arguments, not the hardening.
 */
export function git(runner: GitRunner, args: readonly string[]): Promise<ProcessResult> {
  const invocation = gitInvocation(runner.root, args, { env: runner.env });
  return runProcess(['git', ...invocation.args], {
    cwd: runner.root,
    env: { ...invocation.env, GIT_ASKPASS: '' },
    timeoutMs: GIT_TIMEOUT_MS,
  });
}

/** Runs git and returns trimmed stdout, or throws a StepError for `step` with git's own words. */
export async function gitOk(runner: GitRunner, step: UpdateStep, args: readonly string[]): Promise<string> {
  const r = await git(runner, args);
  if (r.code !== 0) throw new StepError(step, describeFailure(['git', ...args], r));
  return r.stdout.trim();
}

/** `git merge-base --is-ancestor`: exit 0 yes, 1 no, anything else an error. */
export async function isAncestor(runner: GitRunner, ancestor: string, descendant: string): Promise<boolean> {
  const r = await git(runner, ['merge-base', '--is-ancestor', ancestor, descendant]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new StepError(
    'discover',
    describeFailure(['git', 'merge-base', '--is-ancestor', ancestor, descendant], r),
  );
}
