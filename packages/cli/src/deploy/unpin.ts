import { UserError } from '../command.js';
import { assertApprovable } from './approval.js';
import { approveOrLog } from './approve-or-log.js';
import { appendEvent, assertUsable, readDeployState, writeRecord } from './deploy-state.js';
import { signalExitCode } from './interrupted.js';
import { commitIfAsked, nowIso, type OperationContext, takeLock } from './operation.js';
import { lostPinLine, productionPin } from './pin-state.js';

export interface UnpinOptions {
  reason: string;
  yes: boolean;
  approvedBy?: string;
  /** How long an interactive approval prompt waits before it counts as refused. */
  approvalTimeoutMs?: number;
}

/** Clears a rollback's pin. Only a human may: an agent never does, a CI job only in a named person's name. */
export async function unpin(ctx: OperationContext, opts: UnpinOptions): Promise<number> {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new UserError('the policy has no deploy: section');
  if (!opts.reason.trim())
    throw new UserError('unpin needs --reason TEXT saying why production may move again.');
  // The issue: the pin is "cleared only by a human". An agent is refused even with a person's
  // name: unpinning is the decision to let automation move production again, and an agent
  // carrying it out is the very thing the pin holds back. A CI job may, when it names the person
  // who decided (e.g. a reviewed workflow run); the UNPIN is then recorded as that person's.
  if (ctx.actor.kind === 'agent') {
    throw new UserError(
      `${ctx.actor.name} is an agent (agents.identities): an agent may not unpin production; a human must run \`slipway unpin --reason\`.`,
    );
  }
  if (ctx.actor.kind !== 'human' && !opts.approvedBy) {
    throw new UserError(
      'only a human may unpin production: pass --approved-by NAME of the person who decided it.',
    );
  }
  const inspect = () => {
    const state = readDeployState(ctx.root, deploy);
    assertUsable(state);
    const pin = productionPin(state);
    if (!pin)
      throw new UserError(
        `production is not pinned (${deploy.record} and ${deploy.audit_log}); nothing to unpin.`,
        1,
      );
    if (pin.source === 'log') ctx.out.write(`warning: ${lostPinLine(state, pin)}\n`);
    ctx.out.write(
      `unpin production at ${pin.sha.slice(0, 12)} (pinned: ${pin.reason ?? 'no reason given'})\n`,
    );
    return { state, pin };
  };
  if (ctx.dryRun) {
    inspect();
    ctx.out.write('dry run: nothing was written\n');
    return 0;
  }
  assertApprovable(
    { yes: opts.yes, approvedBy: opts.approvedBy ?? ctx.actor.name, interactive: ctx.interactive },
    'unpin production',
  );
  const lock = await takeLock(ctx.root, 'slipway unpin');
  try {
    const { state, pin } = inspect();
    const record = state.record;
    // What production runs: the record's SHA; with the record deleted, the pin's (from the log).
    const at = record?.last_good_sha ?? pin.sha;
    const approval = await approveOrLog(ctx, state, {
      yes: opts.yes,
      approvedBy: opts.approvedBy ?? ctx.actor.name,
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
      timeoutMs: opts.approvalTimeoutMs,
    });
    if (approval.interrupted) return signalExitCode(approval.interrupted);
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
    ctx.out.write('production unpinned: promotes may replace it again\n');
    await commitIfAsked({ ...ctx, actor }, state, 'slipway: unpin production', `UNPIN ${deploy.production}`);
    return 0;
  } finally {
    lock.release();
  }
}
