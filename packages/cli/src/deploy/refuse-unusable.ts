import { DeployError } from '@slipway/policy-core';
import {
  commitIfAsked,
  type DeployState,
  type OperationContext,
  refuseIfUnusable,
} from '@slipway/policy-core/node';

/**
 * Under the lock, before a watch writes anything: a record that cannot be read refuses the
 * attempt, and the refusal (logged unless the log itself is broken) is committed with `--commit`
 * like everything else the watch logs, since it runs unattended and a trace left only in a
 * runner's working tree is lost. Rethrows the refusal.
 */
export async function refuseUnusableCommitted(
  ctx: OperationContext,
  state: DeployState,
  attempt: Parameters<typeof refuseIfUnusable>[1],
  commit: { subject: string; event: string },
): Promise<void> {
  const logLength = state.logText.length;
  try {
    refuseIfUnusable(state, attempt);
  } catch (err) {
    if (err instanceof DeployError && state.logText.length > logLength)
      await commitIfAsked(ctx, state, commit.subject, commit.event);
    throw err;
  }
}
