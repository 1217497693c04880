import type { Actor } from '@slipway/policy-core';
import { ApprovalInterrupted, ApprovalRefused, requireApproval } from './approval.js';
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

/** Who approved; or the stop signal that abandoned the prompt (logged and said: exit with it). */
export type Approval = { approvedBy: string; interrupted?: undefined } | { interrupted: NodeJS.Signals };

/**
 * Asks for approval under the lock. A person who answers wrong (or not at all) refused the
 * operation: that is logged as the operation's `refused` outcome with the reason, the record's
 * audit_head moves to it (nothing else in the record changes), and the refusal is committed
 * with `--commit` like any other refusal. A stop signal while the prompt waits is logged the
 * same way, then one line says so and the caller exits with the signal's code (after releasing
 * the lock); like every interruption it is not committed: whoever stopped Slipway wants it to
 * stop, not to run git.
 */
export async function approveOrLog(
  ctx: OperationContext,
  state: DeployState,
  req: ApprovalRequest,
): Promise<Approval> {
  try {
    const approvedBy = await requireApproval(
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
    return { approvedBy };
  } catch (err) {
    if (!(err instanceof ApprovalRefused)) throw err;
    const e = appendEvent(state, {
      ...req.event,
      time: nowIso(ctx),
      outcome: 'refused',
      details: [`approval: ${err.message}`],
    });
    sealHead(state, e.hash);
    if (err instanceof ApprovalInterrupted) {
      ctx.out.write(
        `\ninterrupted by ${err.signal} at the approval prompt: ${req.what} was not approved; nothing was deployed (logged as refused)\n`,
      );
      return { interrupted: err.signal };
    }
    await commitIfAsked(ctx, state, req.subject, `${req.event.event} ${req.event.environment} ${req.sha}`);
    throw err;
  }
}

/**
 * Who the record and the log name for an approved operation. A person approves as themselves, so
 * a human run is named after the approver. A machine (an agent, a CI job) keeps its own name and
 * kind with the approver beside it: writing only the approver's name under `kind: agent` would
 * label a person an agent and drop the agent that actually ran it.
 */
export function approvedActor(actor: Actor, approvedBy: string): Actor {
  if (actor.kind === 'human' || approvedBy === actor.name) return { ...actor, name: approvedBy };
  return { ...actor, name: `${actor.name}, approved by ${approvedBy}` };
}
