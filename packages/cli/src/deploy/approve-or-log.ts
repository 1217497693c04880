import { ApprovalRefused, requireApproval } from './approval.js';
import { appendEvent, type DeployState, type NewEvent, sealHead } from './deploy-state.js';
import { commitIfAsked, nowIso, type OperationContext } from './operation.js';

export interface ApprovalRequest {
  yes: boolean;
  approvedBy?: string;
  /** What is asked, e.g. "promote 0123456789ab to production". */
  what: string;
  /** The SHA whose short form the person types. */
  sha: string;
  /** The event a refusal is logged as (the operation that was not approved). */
  event: Omit<NewEvent, 'outcome' | 'details' | 'time'>;
  /** `--commit` subject for the refusal. */
  subject: string;
  /** How long an interactive prompt waits (`--approval-timeout`). */
  timeoutMs?: number;
}

/**
 * Asks for approval under the lock. A person who answers wrong (or not at all) refused the
 * operation: that is logged as the operation's `refused` outcome with the reason, the record's
 * audit_head moves to it (nothing else in the record changes), and the refusal is committed
 * with `--commit` like any other refusal. Resolves to the approver's name.
 */
export async function approveOrLog(
  ctx: OperationContext,
  state: DeployState,
  req: ApprovalRequest,
): Promise<string> {
  try {
    return await requireApproval(
      {
        yes: req.yes,
        approvedBy: req.approvedBy,
        interactive: ctx.interactive,
        stdin: ctx.stdin,
        out: ctx.out,
        ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
      },
      req.what,
      req.sha,
      ctx.actor.name,
    );
  } catch (err) {
    if (!(err instanceof ApprovalRefused)) throw err;
    const e = appendEvent(state, {
      ...req.event,
      time: nowIso(ctx),
      outcome: 'refused',
      details: [`approval: ${err.message}`],
    });
    sealHead(state, e.hash);
    await commitIfAsked(ctx, state, req.subject, `${req.event.event} ${req.event.environment} ${req.sha}`);
    throw err;
  }
}
