import { UserError } from '../command.js';
import { assertApprovable } from './approval.js';
import { approvedActor, approveOrLog } from './approve-or-log.js';
import { runCorrectionStep } from './correction.js';
import {
  appendEvent,
  assertUsable,
  readDeployState,
  refuseIfUnusable,
  sealHead,
  stateWarnings,
} from './deploy-state.js';
import { resolveEnvironment } from './environment.js';
import { commitExists, resolveCommit } from './git-ops.js';
import { signalExitCode } from './interrupted.js';
import { commitIfAsked, lockStatus, nowIso, type OperationContext, takeLock } from './operation.js';
import { defaultRollbackTarget, recordedShas } from './record-update.js';
import { productionPin } from './pin-state.js';
import { backedOutRefusal, pinnedAgainstMachine } from './rollback-guards.js';
import { rollbackNotes } from './rollback-notes.js';

export interface RollbackOptions {
  envName: string;
  to?: string;
  reason: string;
  yes: boolean;
  approvedBy?: string;
  /** How long an interactive approval prompt waits before it counts as refused. */
  approvalTimeoutMs?: number;
}

export async function rollback(ctx: OperationContext, opts: RollbackOptions): Promise<number> {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new UserError('the policy has no deploy: section');
  const env = resolveEnvironment(ctx.doc, opts.envName, ctx.env);
  if (!env.isProduction) {
    throw new UserError(
      `rollback works on "${deploy.production}", the environment ${deploy.record} describes; promote an earlier SHA to ${env.name} instead.`,
    );
  }
  if (!opts.reason.trim())
    throw new UserError('rollback needs --reason TEXT (it is logged with the SYSTEM_CORRECTION_EVENT).');
  /** The SYSTEM_CORRECTION_EVENT this rollback logs, whichever way it ends. */
  const correction = (from: string | null, to: string | null) => ({
    event: 'SYSTEM_CORRECTION_EVENT' as const,
    environment: env.name,
    from,
    to,
    actor: ctx.actor,
    reason: opts.reason,
  });
  const plan = async (locked: boolean) => {
    const state = readDeployState(ctx.root, deploy);
    if (!locked) assertUsable(state);
    else {
      refuseIfUnusable(state, { time: nowIso(ctx), ...correction(null, null) });
    }
    for (const w of stateWarnings(state)) ctx.out.write(`${w}\n`);
    const record = state.record;
    if (!record)
      throw new UserError(`${deploy.record} does not exist: nothing is recorded to roll back to.`, 1);
    // Under the lock every refusal is an outcome of this rollback, logged like the others.
    // Committed with --commit like a refused promote: in CI the runner's working tree is gone
    // after the job, and the log must keep the attempt.
    const refuse = async (why: string, to: string | null): Promise<never> => {
      if (locked) {
        const e = appendEvent(state, {
          time: nowIso(ctx),
          ...correction(record.last_good_sha, to),
          outcome: 'refused',
          details: [why],
        });
        sealHead(state, e.hash);
        await commitIfAsked(
          ctx,
          state,
          `slipway: rollback of ${env.name} refused`,
          `SYSTEM_CORRECTION_EVENT ${env.name} refused`,
        );
      }
      throw new UserError(`${why} Nothing was rolled back${locked ? ' (the refusal is logged)' : ''}.`, 1);
    };
    const requested = opts.to ? await resolveCommit(ctx.root, opts.to) : undefined;
    const machine = pinnedAgainstMachine(ctx, state, opts.approvedBy);
    if (machine) await refuse(machine, requested ?? defaultRollbackTarget(record) ?? null);
    let target: string | undefined;
    if (requested) {
      target = requested;
      const bad = backedOutRefusal(record, target, productionPin(state) !== undefined);
      if (bad) await refuse(bad, target);
      const known = recordedShas(record);
      if (!known.includes(target))
        await refuse(
          `${target.slice(0, 12)} is not a recorded deploy; roll back to one of: ${known.map((s) => s.slice(0, 12)).join(', ')}.`,
          target,
        );
    } else {
      target = defaultRollbackTarget(record);
      if (!target)
        return refuse(
          `${deploy.record} records no earlier good deploy to return to; pass --to ${record.last_good_sha.slice(0, 12)} to redeploy the current one.`,
          null,
        );
    }
    if (!(await commitExists(ctx.root, target))) {
      // The record names a deploy this clone does not have (a shallow CI checkout, a force-push):
      // redeploying an unknown SHA would put on production what nobody here can inspect.
      await refuse(
        `${target.slice(0, 12)}, the rollback target in ${deploy.record}, is not a commit in this repository; fetch it (git fetch --unshallow, or from the remote that has it) or pass --to another recorded deploy.`,
        target,
      );
    }
    const notes = await rollbackNotes(ctx, state, record.last_good_sha, target);
    ctx.out.write(`rollback ${env.name} from ${record.last_good_sha.slice(0, 12)} to ${target}\n`);
    ctx.out.write(
      `  command: ${(env.config.rollback ?? env.config.deploy)?.join(' ') ?? '(none: health checks only)'}\n`,
    );
    for (const h of env.health) ctx.out.write(`  health: ${h.url}\n`);
    ctx.out.write(`  then: SYSTEM_CORRECTION_EVENT logged, production pinned to ${target.slice(0, 12)}\n`);
    for (const n of notes) ctx.out.write(`  ${n}\n`);
    return { state, record, target, notes };
  };

  if (ctx.dryRun) {
    await plan(false);
    const holder = await lockStatus(ctx.root);
    if (holder) ctx.out.write(`  lock: held by ${holder}\n`);
    ctx.out.write('dry run: nothing was deployed or written\n');
    return 0;
  }
  // A person approves as themselves; CI as the job (the seed's "Rollback to last good"; see
  // pinnedAgainstMachine for when that is not enough); an agent never approves.
  const approvedBy = opts.approvedBy ?? (ctx.actor.kind === 'agent' ? undefined : ctx.actor.name);
  if (ctx.actor.kind === 'agent' && !opts.approvedBy?.trim()) {
    throw new UserError(
      `${ctx.actor.name} is an agent (agents.identities) and cannot approve a rollback: pass --yes --approved-by NAME of the human who decided it.`,
    );
  }
  assertApprovable({ yes: opts.yes, approvedBy, interactive: ctx.interactive }, `roll ${env.name} back`);
  const lock = await takeLock(ctx.root, `slipway rollback --env ${env.name}`);
  try {
    const { state, record, target, notes } = await plan(true);
    const approval = await approveOrLog(ctx, state, {
      yes: opts.yes,
      approvedBy,
      what: `roll ${env.name} back to ${target.slice(0, 12)}`,
      sha: target,
      event: correction(record.last_good_sha, target),
      subject: `slipway: rollback of ${env.name} to ${target.slice(0, 12)} not approved`,
      timeoutMs: opts.approvalTimeoutMs,
    });
    if (approval.interrupted) return signalExitCode(approval.interrupted);
    const run = { ...ctx, actor: approvedActor(ctx.actor, approval.approvedBy) };
    const step = await runCorrectionStep(run, env, state, {
      from: record.last_good_sha,
      to: target,
      reason: opts.reason,
      pin: true,
      updateRecord: true,
      notes,
    });
    // Interrupted: logged and reported by runCorrectionStep; stop without committing.
    if (step.interrupted) return signalExitCode(step.interrupted);
    const ok = step.ok;
    await commitIfAsked(
      run,
      state,
      `slipway: ${ok ? '' : 'failed '}rollback of ${env.name} to ${target.slice(0, 12)}`,
      `SYSTEM_CORRECTION_EVENT ${env.name} ${target}`,
    );
    return ok ? 0 : 1;
  } finally {
    lock.release();
  }
}
