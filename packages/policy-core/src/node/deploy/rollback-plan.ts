import { closeAbandonedRuns } from './abandoned-runs.js';
import {
  backedOutRefusal,
  type DeployCallbacks,
  DeployError,
  type DeployRecord,
  defaultRollbackTarget,
  pinnedAgainstMachine,
  productionPin,
  type ResolvedEnvironment,
  type RollbackPlan,
  recordedShas,
  resolveEnvironment,
  stateWarnings,
} from '../../index.js';
import {
  appendEvent,
  assertUsable,
  type DeployState,
  readDeployState,
  refuseIfUnusable,
  sealHead,
} from './deploy-state.js';
import { commitExists, resolveCommit } from './git-ops.js';
import {
  commitIfAsked,
  lockStatus,
  nowIso,
  type OperationContext,
  type OperationOptions,
  operationContext,
  say,
} from './operation.js';
import { productionSettings } from './production-deploy-settings.js';
import { rollbackNotes } from './rollback-notes.js';

export interface RollbackOptions extends OperationOptions {
  /** Why (required; logged with the SYSTEM_CORRECTION_EVENT). */
  reason: string;
  /** A recorded deploy to return to; default: the last good one before the current. */
  to?: string;
  /** Default: deploy.production (the only environment a rollback works on). */
  environment?: string;
  /** Approved up front: `approvedBy` names who decided. */
  yes?: boolean;
  /** Who decided it (default: the acting person; an agent must name a human). */
  approvedBy?: string;
}

/**
 * The environment, with the checks that need nothing read.
 * @internal
 */
export function rollbackSetup(ctx: OperationContext, opts: RollbackOptions) {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new DeployError('config', 'the policy has no deploy: section');
  const env = resolveEnvironment(ctx.doc, opts.environment ?? deploy.production, ctx.env);
  if (!env.isProduction) {
    throw new DeployError(
      'usage',
      `rollback works on "${deploy.production}", the environment ${deploy.record} describes; promote an earlier SHA to ${env.name} instead.`,
    );
  }
  if (!opts.reason.trim())
    throw new DeployError(
      'usage',
      'rollback needs --reason TEXT (it is logged with the SYSTEM_CORRECTION_EVENT).',
    );
  return { deploy, env };
}

/**
 * The SYSTEM_CORRECTION_EVENT a rollback logs, whichever way it ends.
 * @internal
 */
export function correctionEvent(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  reason: string,
  from: string | null,
  to: string | null,
) {
  return {
    event: 'SYSTEM_CORRECTION_EVENT' as const,
    environment: env.name,
    from,
    to,
    actor: ctx.actor,
    reason,
  };
}

/** @internal */
export interface PlannedRollback {
  state: DeployState;
  record: DeployRecord;
  target: string;
  notes: string[];
  /** Set when a refusal under the lock was committed. */
  committed?: string;
}

/**
 * Reads the record, picks and checks the target, lists what the rollback does not undo, and
 * says the plan. Under the lock (`locked`) every refusal is an outcome of this rollback, logged
 * (and committed with `commit`, like a refused promote: in CI the runner's working tree is gone
 * after the job, and the log must keep the attempt); without it nothing is written.
 * @internal
 */
export async function readRollbackPlan(
  ctx: OperationContext,
  opts: RollbackOptions,
  env: ResolvedEnvironment,
  locked: boolean,
  onState: (state: DeployState) => void = () => {},
): Promise<PlannedRollback> {
  const deploy = ctx.doc.policy.deploy as NonNullable<typeof ctx.doc.policy.deploy>;
  const state = readDeployState(ctx.root, deploy, ctx.workspace.auditLogs);
  onState(state);
  if (!locked) assertUsable(state);
  else refuseIfUnusable(state, { time: nowIso(ctx), ...correctionEvent(ctx, env, opts.reason, null, null) });
  for (const w of stateWarnings(state)) say(ctx, 'plan', w);
  if (locked) closeAbandonedRuns(ctx, state);
  const record = state.record;
  if (!record)
    throw new DeployError(
      'nothing-to-do',
      `${deploy.record} does not exist: nothing is recorded to roll back to.`,
    );
  const refuse = async (why: string, to: string | null): Promise<never> => {
    if (locked) {
      const e = appendEvent(state, {
        time: nowIso(ctx),
        ...correctionEvent(ctx, env, opts.reason, record.last_good_sha, to),
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
    throw new DeployError(
      'refused',
      `${why} Nothing was rolled back${locked ? ' (the refusal is logged)' : ''}.`,
    );
  };
  const requested = opts.to ? await resolveCommit(ctx.root, opts.to) : undefined;
  const machine = pinnedAgainstMachine(ctx.actor, state, opts.approvedBy);
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
  say(ctx, 'plan', `rollback ${env.name} from ${record.last_good_sha.slice(0, 12)} to ${target}`);
  say(
    ctx,
    'plan',
    `  command: ${(env.config.rollback ?? env.config.deploy)?.join(' ') ?? '(none: health checks only)'}`,
  );
  for (const h of env.health) say(ctx, 'plan', `  health: ${h.url}`);
  say(ctx, 'plan', `  then: SYSTEM_CORRECTION_EVENT logged, production pinned to ${target.slice(0, 12)}`);
  for (const n of notes) say(ctx, 'plan', `  ${n}`);
  return { state, record, target: target as string, notes };
}

/** @internal */
export function planView(
  env: ResolvedEnvironment,
  planned: PlannedRollback,
  lockHolder?: string,
): RollbackPlan {
  return {
    environment: env.name,
    record: planned.record,
    from: planned.record.last_good_sha,
    target: planned.target,
    notes: planned.notes,
    command: env.config.rollback ?? env.config.deploy ?? null,
    health: env.health.map((h) => ({ url: h.url })),
    ...(lockHolder ? { lockHolder } : {}),
    warnings: stateWarnings(planned.state),
  };
}

/**
 * What a rollback would do: the record, the target, the notes on what it does not undo (Alembic
 * revisions, lock changes), without the lock and without writing. Rejects with a DeployError
 * when it would be refused (nothing recorded, a backed-out or unknown target, a machine
 * replacing a person's pin).
 */
export async function planRollback(
  opts: RollbackOptions,
  callbacks: Pick<DeployCallbacks, 'onProgress'> = {},
): Promise<RollbackPlan> {
  const ctx = operationContext({ ...opts, dryRun: true }, callbacks);
  const { env } = rollbackSetup(ctx, opts);
  await productionSettings(ctx);
  const planned = await readRollbackPlan(ctx, opts, env, false);
  const holder = await lockStatus(ctx.root);
  if (holder) say(ctx, 'lock', `  lock: held by ${holder}`);
  return planView(env, planned, holder);
}
