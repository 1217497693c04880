import {
  type Actor,
  type ApprovalAnswer,
  type ApprovalRequest,
  approvalText,
  approvedActor,
  approvesSha,
  DeployError,
  type NewEvent,
  type StepOutcome,
  wrongAnswerMessage,
} from '../../index.js';
import { appendEvent, type DeployState, sealHead } from './deploy-state.js';
import { commitIfAsked, nowIso, type OperationContext, say } from './operation.js';

export interface ApprovalNeed {
  /** Approved up front (`--yes`): `approvedBy` names who decided. */
  yes: boolean;
  approvedBy?: string;
  action: ApprovalRequest['action'];
  /** What is asked, e.g. "promote 0123456789ab to production". */
  what: string;
  /** The SHA whose short form the person types. */
  sha: string;
  /** The event a refusal is logged as (the operation that was not approved). */
  event: Omit<NewEvent, 'outcome' | 'details' | 'time'>;
  /** Commit subject for the refusal. */
  subject: string;
}

/** Who approved; or why not (logged as the operation's refusal), and what interrupted the question. */
export type Approval =
  | { approvedBy: string; refused?: undefined }
  | { refused: DeployError; interrupted?: string; committed?: string };

/**
 * Whether approval can be had at all: checked before the lock is taken and the guard runs, so
 * that a run that could never be approved (no way to ask, no --yes) stops at once instead of
 * doing the slow part first.
 */
export function assertApprovable(
  ctx: Pick<OperationContext, 'approve'>,
  input: { yes: boolean; approvedBy?: string },
  what: string,
): void {
  if (input.yes) {
    // A blank name records no one: the audit log must say who approved.
    if (!input.approvedBy?.trim())
      throw new DeployError('usage', `${what} needs a human approver: add --approved-by NAME to --yes.`);
    return;
  }
  if (!ctx.approve)
    throw new DeployError(
      'approval-unavailable',
      `${what} needs approval: run it in a terminal, or pass --yes --approved-by NAME.`,
    );
}

/** Why the answer does not approve, or undefined when it does. */
function refusalOf(answer: ApprovalAnswer, need: ApprovalNeed, interrupted: string | undefined) {
  if (interrupted)
    return `not approved: interrupted by ${interrupted} while waiting for an answer; nothing was deployed.`;
  if (answer.reason) return `not approved: ${answer.reason}; nothing was deployed.`;
  if (!answer.approved && answer.typed === undefined)
    return `not approved: ${need.what} was declined; nothing was deployed.`;
  if (!approvesSha(answer.typed ?? '', need.sha)) return wrongAnswerMessage(answer.typed ?? '', need.sha);
  return answer.approved ? undefined : `not approved: ${need.what} was declined; nothing was deployed.`;
}

/**
 * Asks for approval under the lock. A person who answers wrong (or not at all) refused the
 * operation: that is logged as the operation's `refused` outcome with the reason, the record's
 * audit_head moves to it (nothing else in the record changes), and the refusal is committed
 * with `commit` like any other refusal. A cancellation while the question waits is logged the
 * same way and not committed: whoever stopped Slipway wants it to stop, not to run git.
 */
export async function approveOrLog(
  ctx: OperationContext,
  state: DeployState,
  need: ApprovalNeed,
): Promise<Approval> {
  if (need.yes) return { approvedBy: need.approvedBy as string };
  const request: ApprovalRequest = {
    action: need.action,
    what: need.what,
    environment: need.event.environment,
    sha: need.sha,
    expect: approvalText(need.sha),
  };
  const answer = ctx.signal?.aborted
    ? { approved: false }
    : await (ctx.approve as NonNullable<OperationContext['approve']>)(request);
  const interrupted = answer.interrupted ?? (ctx.signal?.aborted ? stopLabel(ctx.signal) : undefined);
  const why = refusalOf(answer, need, interrupted);
  if (why === undefined) return { approvedBy: answer.approver?.trim() || need.approvedBy || ctx.actor.name };
  const e = appendEvent(state, {
    ...need.event,
    time: nowIso(ctx),
    outcome: 'refused',
    details: [`approval: ${why}`],
  });
  sealHead(state, e.hash);
  const refused = new DeployError('not-approved', why);
  if (interrupted) {
    say(
      ctx,
      'approval',
      `interrupted by ${interrupted} at the approval prompt: ${need.what} was not approved; nothing was deployed (logged as refused)`,
    );
    return { refused, interrupted };
  }
  const committed = await commitIfAsked(
    ctx,
    state,
    need.subject,
    `${need.event.event} ${need.event.environment} ${need.sha}`,
  );
  return { refused, ...(committed ? { committed } : {}) };
}

/** How an operation with an `approval` step goes on: as whom, or how it ends. */
export type ApprovalStep =
  | { actor: Actor; end?: undefined }
  | {
      end:
        | { outcome: 'cancelled'; message: string; extra: { interruptedBy: string } }
        | { outcome: 'refused'; message: string; extra: { error: DeployError } };
    };

/**
 * The `approval` step of an operation that lists its steps (promote, rollback): added to
 * `progress` whichever way the approval went, with the refusal's commit. Approved, it runs on as
 * `approvedActor`; refused, it ends `cancelled` when a signal interrupted the question, else
 * `refused`.
 */
export function approvalStep(
  approval: Approval,
  progress: { steps: StepOutcome[]; committed?: string },
  actor: Actor,
): ApprovalStep {
  if (approval.refused) {
    const message = approval.refused.message;
    progress.steps.push({ step: 'approval', name: 'approval', ok: false, detail: message });
    if (approval.committed) progress.committed = approval.committed;
    if (approval.interrupted)
      return { end: { outcome: 'cancelled', message, extra: { interruptedBy: approval.interrupted } } };
    return { end: { outcome: 'refused', message, extra: { error: approval.refused } } };
  }
  progress.steps.push({
    step: 'approval',
    name: 'approval',
    ok: true,
    detail: `approved by ${approval.approvedBy}`,
  });
  return { actor: approvedActor(actor, approval.approvedBy) };
}

function stopLabel(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'cancellation';
}
