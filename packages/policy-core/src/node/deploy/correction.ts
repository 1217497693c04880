import { type AuditEvent, interruptedLine, nextRecord, type ResolvedEnvironment } from '../../index.js';
import { appendEvent, type DeployState, sealHead, writeRecord } from './deploy-state.js';
import { deployAndVerify, type StepResult } from './deploy-step.js';
import { nowIso, type OperationContext, say } from './operation.js';

export interface CorrectionInput {
  from: string | null;
  to: string;
  reason: string;
  /**
   * Pin production to `to`: a manual or watch-triggered rollback replaces what production ran
   * and must not be undone by the next automatic promote. A rollback after a failed promote
   * returns to what the record already says, so it changes (and pins) nothing.
   */
  pin: boolean;
  /** Write a new record (to becomes last_good_sha); false when the record already names `to`. */
  updateRecord: boolean;
  /**
   * What the rollback does not undo or must match (rollback-notes.ts): kept in the entry's
   * details, so the log says which migrations stayed applied and which lock must be installed.
   */
  notes?: string[];
}

/**
 * A SYSTEM_CORRECTION_EVENT: log that it starts, run the rollback command with the target,
 * check health, log how it ended, then write the record. Caller holds the lock. An interrupted
 * rollback is logged as failed and leaves the record naming what it named; the caller exits.
 */
export async function runCorrectionStep(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
  input: CorrectionInput,
): Promise<StepResult & { correction: AuditEvent }> {
  const base = {
    event: 'SYSTEM_CORRECTION_EVENT' as const,
    environment: env.name,
    from: input.from,
    to: input.to,
    actor: ctx.actor,
    reason: input.reason,
    // Logged so the pin does not live only in the record, where a hand edit can drop it: a
    // succeeded entry with pin true pins production until a succeeded UNPIN (see logPin).
    pin: input.pin && input.updateRecord,
  };
  say(
    ctx,
    'rollback',
    `SYSTEM CORRECTION EVENT: rolling ${env.name} back to ${input.to.slice(0, 12)} (${input.reason})`,
  );
  appendEvent(state, { ...base, time: nowIso(ctx), outcome: 'started' });
  const step = await deployAndVerify(env, input.to, {
    root: ctx.root,
    env: ctx.env,
    progress: ctx.progress,
    openStop: ctx.openStop,
    rollback: true,
    ...(input.from ? { previousSha: input.from } : {}),
  });
  const done = appendEvent(state, {
    ...base,
    time: nowIso(ctx),
    outcome: step.ok ? 'succeeded' : 'failed',
    details: [...step.details, ...(input.notes ?? [])],
  });
  if (step.ok && input.updateRecord) {
    writeRecord(
      state,
      nextRecord({
        old: state.record,
        sha: input.to,
        at: nowIso(ctx),
        environment: env.name,
        event: 'SYSTEM_CORRECTION_EVENT',
        actor: ctx.actor,
        reason: input.reason,
        ...(input.pin ? { pinned: { reason: input.reason } } : {}),
        auditHead: done.hash,
        historyLimit: state.deploy.history_limit,
      }),
    );
  } else {
    sealHead(state, done.hash);
  }
  const correction = state.appended[state.appended.length - 1] as AuditEvent;
  if (step.interrupted) {
    say(
      ctx,
      'outcome',
      interruptedLine(
        step.interrupted,
        step.interruptedDuring ?? 'command',
        'rollback',
        env.name,
        state.deploy.record,
        state.record?.last_good_sha ?? null,
      ),
    );
    return { ...step, correction };
  }
  say(
    ctx,
    'outcome',
    step.ok
      ? `rollback to ${input.to.slice(0, 12)} succeeded${input.pin && input.updateRecord ? '; production is pinned until `slipway unpin --reason`' : ''}`
      : `rollback to ${input.to.slice(0, 12)} FAILED: ${step.details.join('; ')}; production needs a person now`,
  );
  return { ...step, correction };
}
