import { closeAbandonedRuns } from './abandoned-runs.js';
import { actionResult } from './action-result.js';
import {
  type DeployCallbacks,
  DeployError,
  lostPinLine,
  type ProductionPin,
  productionPin,
  type UnpinResult,
} from '../../index.js';
import { approveOrLog, assertApprovable } from './approve-or-log.js';
import { appendEvent, assertUsable, type DeployState, readDeployState, writeRecord } from './deploy-state.js';
import {
  commitIfAsked,
  nowIso,
  type OperationContext,
  type OperationOptions,
  operationContext,
  say,
  takeLock,
} from './operation.js';
import { productionSettings } from './production-deploy-settings.js';

export interface UnpinOptions extends OperationOptions {
  /** Why production may move again (required; logged with UNPIN). */
  reason: string;
  /** Approved up front: `approvedBy` names who decided. */
  yes?: boolean;
  /** The person who decided (required when the actor is a CI job). */
  approvedBy?: string;
}

interface Progress {
  state?: DeployState;
  pin: ProductionPin | null;
  sha: string | null;
  committed?: string;
}

const result = actionResult<Progress, UnpinResult>((p) => ({ sha: p.sha, pin: p.pin, steps: [] }));

/** Only a human may unpin: an agent never does, a CI job only in a named person's name. */
function checkWho(ctx: OperationContext, opts: UnpinOptions) {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new DeployError('config', 'the policy has no deploy: section');
  if (!opts.reason.trim())
    throw new DeployError('usage', 'unpin needs --reason TEXT saying why production may move again.');
  // The pin is "cleared only by a human". An agent is refused even with a person's name:
  // unpinning is the decision to let automation move production again, and an agent carrying it
  // out is the very thing the pin holds back. A CI job may, when it names the person who decided
  // (e.g. a reviewed workflow run); the UNPIN is then recorded as that person's.
  if (ctx.actor.kind === 'agent') {
    throw new DeployError(
      'usage',
      `${ctx.actor.name} is an agent (agents.identities): an agent may not unpin production; a human must run \`slipway unpin --reason\`.`,
    );
  }
  if (ctx.actor.kind !== 'human' && !opts.approvedBy) {
    throw new DeployError(
      'usage',
      'only a human may unpin production: pass --approved-by NAME of the person who decided it.',
    );
  }
  return deploy;
}

function inspect(
  ctx: OperationContext,
  deploy: NonNullable<OperationContext['doc']['policy']['deploy']>,
  p: Progress,
) {
  const state = readDeployState(ctx.root, deploy, ctx.workspace.auditLogs);
  p.state = state;
  assertUsable(state);
  const pin = productionPin(state);
  if (!pin)
    throw new DeployError(
      'nothing-to-do',
      `production is not pinned (${deploy.record} and ${deploy.audit_log}); nothing to unpin.`,
    );
  p.pin = pin;
  p.sha = state.record?.last_good_sha ?? pin.sha;
  if (pin.source === 'log') say(ctx, 'plan', `warning: ${lostPinLine(state, pin)}`);
  say(
    ctx,
    'plan',
    `unpin production at ${pin.sha.slice(0, 12)} (pinned: ${pin.reason ?? 'no reason given'})`,
  );
  return { state, pin };
}

/**
 * Clears the pin a rollback set: `pinned` leaves the record and UNPIN (with the reason) is
 * logged, after a person's approval. With `dryRun` it only says what it would clear.
 */
export async function unpin(opts: UnpinOptions, callbacks: DeployCallbacks = {}): Promise<UnpinResult> {
  const ctx = operationContext(opts, callbacks);
  const p: Progress = { pin: null, sha: null };
  try {
    const deploy = checkWho(ctx, opts);
    // The record and the log it writes are production's, not paths a checkout chose.
    await productionSettings(ctx);
    if (ctx.dryRun) {
      inspect(ctx, deploy, p);
      return result(p, 'dry-run', 'dry run: nothing was written');
    }
    const approvedBy = opts.approvedBy ?? ctx.actor.name;
    assertApprovable(ctx, { yes: opts.yes === true, approvedBy }, 'unpin production');
    const lock = await takeLock(ctx.root, 'slipway unpin');
    try {
      const { state } = inspect(ctx, deploy, p);
      closeAbandonedRuns(ctx, state);
      const record = state.record;
      // What production runs: the record's SHA; with the record deleted, the pin's (from the log).
      const at = p.sha as string;
      const approval = await approveOrLog(ctx, state, {
        yes: opts.yes === true,
        approvedBy,
        action: 'unpin',
        what: 'unpin production',
        sha: at,
        event: {
          event: 'UNPIN',
          environment: deploy.production,
          from: at,
          to: null,
          actor: ctx.actor,
          reason: opts.reason,
        },
        subject: 'slipway: unpin of production not approved',
      });
      if (approval.refused) {
        if (approval.committed) p.committed = approval.committed;
        if (approval.interrupted)
          return result(p, 'cancelled', approval.refused.message, { interruptedBy: approval.interrupted });
        return result(p, 'refused', approval.refused.message, { error: approval.refused });
      }
      const actor = { name: approval.approvedBy, kind: 'human' as const };
      const e = appendEvent(state, {
        time: nowIso(ctx),
        event: 'UNPIN',
        environment: deploy.production,
        from: at,
        to: null,
        actor,
        reason: opts.reason,
        outcome: 'succeeded',
      });
      if (record) {
        const { pinned: _p, pinned_reason: _r, ...rest } = record;
        writeRecord(state, { ...rest, audit_head: e.hash });
      }
      const message = 'production unpinned: promotes may replace it again';
      say(ctx, 'outcome', message);
      p.committed = await commitIfAsked(
        { ...ctx, actor },
        state,
        'slipway: unpin production',
        `UNPIN ${deploy.production}`,
      );
      return result(p, 'unpinned', message);
    } finally {
      lock.release();
    }
  } catch (err) {
    if (err instanceof DeployError) return result(p, 'refused', err.message, { error: err });
    throw err;
  }
}
