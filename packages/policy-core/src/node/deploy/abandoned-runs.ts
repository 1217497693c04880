import { abandonedEnd, abandonedRuns, brokenChain } from '../../index.js';
import { appendEvent, type DeployState } from './deploy-state.js';
import { nowIso, type OperationContext, say } from './operation.js';

/**
 * Closes the runs a killed Slipway left open (see abandonedRuns), so the log never leaves a
 * deploy hanging in `started`: each gets a `failed` end line saying it was abandoned and what to
 * check. Call only under the deploy lock (no run can be under way) and on a usable chain. The
 * flow that goes on seals these lines with its own.
 */
export function closeAbandonedRuns(ctx: OperationContext, state: DeployState): void {
  if (ctx.dryRun || brokenChain(state)) return;
  for (const entry of abandonedRuns(state.log.entries)) {
    const end = abandonedEnd(entry.event, nowIso(ctx), ctx.actor);
    appendEvent(state, end);
    say(
      ctx,
      'plan',
      `warning: ${state.deploy.audit_log}:${entry.line + 1}: ${end.details?.[0]}; logged as failed`,
    );
  }
}
