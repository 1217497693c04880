import { type DeployCallbacks, DeployError, type RollbackResult, type StepOutcome } from '../../index.js';
import { approvalStep, approveOrLog, assertApprovable } from './approve-or-log.js';
import { runCorrectionStep } from './correction.js';
import { actionResult } from './action-result.js';
import type { DeployState } from './deploy-state.js';
import { commitIfAsked, operationContext, takeLock } from './operation.js';
import { productionSettings } from './production-deploy-settings.js';
import {
  correctionEvent,
  planView,
  type RollbackOptions,
  readRollbackPlan,
  rollbackSetup,
} from './rollback-plan.js';

interface Progress {
  env: string;
  state?: DeployState;
  from: string | null;
  target: string | null;
  notes: string[];
  steps: StepOutcome[];
  committed?: string;
}

const result = actionResult<Progress, RollbackResult>((p) => {
  const correction = p.state?.appended.findLast((e) => e.event === 'SYSTEM_CORRECTION_EVENT');
  return {
    env: p.env,
    from: p.from,
    target: p.target,
    notes: p.notes,
    ...(correction ? { correction } : {}),
    pinned: p.state?.record?.pinned === true,
    steps: p.steps,
  };
});

/**
 * Rolls production back: redeploys the last good SHA before the current one (or `to`, which
 * must be a deploy the record lists), runs the health checks, logs a SYSTEM_CORRECTION_EVENT
 * with from, to, actor and reason, and pins production so that no promote undoes it until an
 * unpin. The result lists what it does not undo (Alembic revisions added since the target,
 * dependency lock changes). Refusals are logged under the lock and come back as `refused`.
 */
export async function rollback(
  opts: Omit<RollbackOptions, 'dryRun'>,
  callbacks: DeployCallbacks = {},
): Promise<RollbackResult> {
  const ctx = operationContext({ ...opts, dryRun: false }, callbacks);
  const p: Progress = {
    env: opts.environment ?? ctx.doc.policy.deploy?.production ?? 'production',
    from: null,
    target: null,
    notes: [],
    steps: [],
  };
  try {
    const { env } = rollbackSetup(ctx, opts);
    p.env = env.name;
    await productionSettings(ctx);
    // A person approves as themselves; CI as the job (see pinnedAgainstMachine for when that is
    // not enough); an agent never approves.
    const approvedBy = opts.approvedBy ?? (ctx.actor.kind === 'agent' ? undefined : ctx.actor.name);
    if (ctx.actor.kind === 'agent' && !opts.approvedBy?.trim()) {
      throw new DeployError(
        'usage',
        `${ctx.actor.name} is an agent (agents.identities) and cannot approve a rollback: pass --yes --approved-by NAME of the human who decided it.`,
      );
    }
    assertApprovable(ctx, { yes: opts.yes === true, approvedBy }, `roll ${env.name} back`);
    const lock = await takeLock(ctx.root, `slipway rollback --env ${env.name}`);
    try {
      const planned = await readRollbackPlan(ctx, opts, env, true, (state) => {
        p.state = state;
        p.from = state.record?.last_good_sha ?? null;
      });
      const { state, record, target, notes } = planned;
      Object.assign(p, { from: record.last_good_sha, target, notes });
      const plan = planView(env, planned);
      const approval = await approveOrLog(ctx, state, {
        yes: opts.yes === true,
        ...(approvedBy !== undefined ? { approvedBy } : {}),
        action: 'rollback',
        what: `roll ${env.name} back to ${target.slice(0, 12)}`,
        sha: target,
        event: correctionEvent(ctx, env, opts.reason, record.last_good_sha, target),
        subject: `slipway: rollback of ${env.name} to ${target.slice(0, 12)} not approved`,
      });
      const approved = approvalStep(approval, p, ctx.actor);
      if (approved.end)
        return result(p, approved.end.outcome, approved.end.message, { ...approved.end.extra, plan });
      const run = { ...ctx, actor: approved.actor };
      const step = await runCorrectionStep(run, env, state, {
        from: record.last_good_sha,
        to: target,
        reason: opts.reason,
        pin: true,
        updateRecord: true,
        notes,
      });
      for (const o of step.outcomes) p.steps.push(o);
      const message = step.ok
        ? `rollback to ${target.slice(0, 12)} succeeded; production is pinned until \`slipway unpin --reason\``
        : `rollback to ${target.slice(0, 12)} FAILED: ${step.details.join('; ')}; production needs a person now`;
      // Interrupted: logged and reported by runCorrectionStep; stop without committing.
      if (step.interrupted) return result(p, 'cancelled', message, { interruptedBy: step.interrupted, plan });
      try {
        p.committed = await commitIfAsked(
          run,
          state,
          `slipway: ${step.ok ? '' : 'failed '}rollback of ${env.name} to ${target.slice(0, 12)}`,
          `SYSTEM_CORRECTION_EVENT ${env.name} ${target}`,
        );
      } catch (err) {
        if (err instanceof DeployError)
          return result(p, step.ok ? 'rolled-back' : 'failed', message, { plan, error: err });
        throw err;
      }
      return result(p, step.ok ? 'rolled-back' : 'failed', message, { plan });
    } finally {
      lock.release();
    }
  } catch (err) {
    if (err instanceof DeployError) return result(p, 'refused', err.message, { error: err });
    throw err;
  }
}
