import type { DeploySection } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { assertApprovable } from './approval.js';
import { approvedActor, approveOrLog } from './approve-or-log.js';
import { runCorrectionStep } from './correction.js';
import {
  appendEvent,
  assertUsable,
  type DeployState,
  readDeployState,
  refuseIfUnusable,
  sealHead,
  stateWarnings,
  writeRecord,
} from './deploy-state.js';
import { deployAndVerify } from './deploy-step.js';
import { type ResolvedEnvironment, resolveEnvironment } from './environment.js';
import { interruptedLine, signalExitCode } from './interrupted.js';
import { resolveCommit } from './git-ops.js';
import { commitIfAsked, lockStatus, nowIso, type OperationContext, takeLock } from './operation.js';
import { lostPinLine, productionPin } from './pin-state.js';
import { type GuardFn, type Precondition, startPromoteChecks } from './preconditions.js';
import { nextRecord } from './record-update.js';
import { defaultShipTarget } from './ship-target.js';

export interface PromoteOptions {
  envName: string;
  ref?: string;
  reason?: string;
  skipStaging: boolean;
  yes: boolean;
  approvedBy?: string;
  /** How long an interactive approval prompt waits before it counts as refused. */
  approvalTimeoutMs?: number;
  guard?: GuardFn;
}

function printPlan(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  sha: string,
  from: string | null,
  checks: Precondition[],
) {
  const o = ctx.out;
  o.write(`promote ${sha} to ${env.name}${from ? ` (now ${from.slice(0, 12)})` : ''}\n`);
  for (const c of checks) o.write(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}\n`);
  o.write(
    `  deploy: ${env.config.deploy ? env.config.deploy.join(' ') : '(no command: health checks only)'}\n`,
  );
  for (const h of env.health)
    o.write(
      `  health: ${h.url}${h.options.expectJsonStatus ? ` (status "${h.options.expectJsonStatus}")` : ''}\n`,
    );
  if (env.isProduction || env.config.approval === 'required') o.write('  approval: a human must approve\n');
}

/** Production's current SHA comes from the record; a staging environment's from its last verification. */
function currentSha(state: DeployState, env: ResolvedEnvironment): string | null {
  if (env.isProduction) return state.record?.last_good_sha ?? null;
  for (let i = state.log.entries.length - 1; i >= 0; i--) {
    const e = state.log.entries[i]?.event;
    if (e && e.environment === env.name && e.outcome === 'succeeded' && e.to) return e.to;
  }
  return null;
}

/**
 * The SHA given, or HEAD's code: a record commit `--commit` made is not a release (see
 * ship-target.ts), so the default steps past them and says so.
 */
async function shipSha(
  ctx: OperationContext,
  deploy: DeploySection,
  ref: string | undefined,
): Promise<string> {
  const head = await resolveCommit(ctx.root, ref ?? 'HEAD');
  if (ref !== undefined) return head;
  const target = await defaultShipTarget(ctx.root, deploy, head);
  const n = target.skipped.length;
  if (n > 0)
    ctx.out.write(
      `HEAD is ${n === 1 ? 'a record commit' : `the last of ${n} record commits`} Slipway made; shipping the commit below ${n === 1 ? 'it' : 'them'}, ${target.sha.slice(0, 12)}\n`,
    );
  return target.sha;
}

export async function promote(ctx: OperationContext, opts: PromoteOptions): Promise<number> {
  const deploy = ctx.doc.policy.deploy;
  const env = resolveEnvironment(ctx.doc, opts.envName, ctx.env);
  if (!deploy) throw new UserError('the policy has no deploy: section');
  if (opts.skipStaging && !opts.reason?.trim())
    throw new UserError('--skip-staging needs --reason saying why staging was skipped.');
  const sha = await shipSha(ctx, deploy, opts.ref);
  const checksInput = { sha, skipStaging: opts.skipStaging, guard: opts.guard };

  if (ctx.dryRun) {
    // The git questions and the guard start first and run while the record and log are read.
    const finishChecks = startPromoteChecks(ctx, env, checksInput);
    const lockHolder = lockStatus(ctx.root);
    lockHolder.catch(() => {});
    const state = readDeployState(ctx.root, deploy);
    assertUsable(state);
    for (const w of stateWarnings(state)) ctx.out.write(`${w}\n`);
    const checks = await finishChecks(state);
    const holder = await lockHolder;
    if (holder) checks.push({ name: 'lock', ok: false, detail: `held by ${holder}` });
    printPlan(ctx, env, sha, currentSha(state, env), checks);
    const ok = checks.every((c) => c.ok);
    ctx.out.write(
      `dry run: nothing was deployed or written; the promote would ${ok ? 'proceed' : 'be refused'}\n`,
    );
    return ok ? 0 : 1;
  }

  const needsApproval = env.isProduction || env.config.approval === 'required';
  const what = `promote ${sha.slice(0, 12)} to ${env.name}`;
  if (needsApproval) assertApprovable({ ...opts, interactive: ctx.interactive }, what);
  const lock = await takeLock(ctx.root, `slipway promote ${sha.slice(0, 12)} --env ${env.name}`);
  try {
    const finishChecks = startPromoteChecks(ctx, env, checksInput);
    // Read under the lock: whoever held it before may have changed both files.
    const state = readDeployState(ctx.root, deploy);
    refuseIfUnusable(state, {
      time: nowIso(ctx),
      event: 'GUARD_FAILED',
      environment: env.name,
      from: null,
      to: sha,
      actor: ctx.actor,
      ...(opts.reason ? { reason: opts.reason } : {}),
    });
    for (const w of stateWarnings(state)) ctx.out.write(`${w}\n`);
    const from = currentSha(state, env);
    const checks = await finishChecks(state);
    if (opts.skipStaging) checks.push({ name: 'staging skipped', ok: true, detail: opts.reason ?? '' });
    printPlan(ctx, env, sha, from, checks);
    const event = env.isProduction ? ('PROMOTE' as const) : ('STAGING_VERIFIED' as const);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) {
      const e = appendEvent(state, {
        time: nowIso(ctx),
        event: 'GUARD_FAILED',
        environment: env.name,
        from,
        to: sha,
        actor: ctx.actor,
        ...(opts.reason ? { reason: opts.reason } : {}),
        outcome: 'refused',
        details: failed.map((c) => `${c.name}: ${c.detail}`),
      });
      const pin = env.isProduction ? productionPin(state) : undefined;
      if (pin?.source === 'log') {
        // The record lost its pin by hand: sealing or committing it now would launder the edit
        // under a Slipway-Event trailer. Leave it as found (AUD003 shows the unsealed entry).
        ctx.out.write(
          `refused: ${lostPinLine(state, pin)}; nothing was deployed and ${deploy.record} was not changed (logged as GUARD_FAILED)\n`,
        );
        return 1;
      }
      sealHead(state, e.hash);
      await commitIfAsked(
        ctx,
        state,
        `slipway: promote of ${sha.slice(0, 12)} to ${env.name} refused`,
        `GUARD_FAILED ${env.name} ${sha}`,
      );
      ctx.out.write(
        `refused: ${failed.map((c) => c.name).join(', ')}; nothing was deployed (logged as GUARD_FAILED)\n`,
      );
      return 1;
    }
    let actor = ctx.actor;
    if (needsApproval) {
      const approval = await approveOrLog(ctx, state, {
        yes: opts.yes,
        approvedBy: opts.approvedBy,
        what,
        sha,
        event: {
          event,
          environment: env.name,
          from,
          to: sha,
          actor: ctx.actor,
          ...(opts.reason ? { reason: opts.reason } : {}),
        },
        subject: `slipway: promote of ${sha.slice(0, 12)} to ${env.name} not approved`,
        timeoutMs: opts.approvalTimeoutMs,
      });
      if (approval.interrupted) return signalExitCode(approval.interrupted);
      actor = approvedActor(ctx.actor, approval.approvedBy);
    }
    const run = { ...ctx, actor };
    const base = {
      event,
      environment: env.name,
      from,
      to: sha,
      actor,
      ...(opts.reason ? { reason: opts.reason } : {}),
    };
    // A production promote without staging says so in the log itself, not only in its reason.
    const skipped = opts.skipStaging ? [`staging skipped (--skip-staging): ${opts.reason ?? ''}`] : [];
    appendEvent(state, {
      ...base,
      time: nowIso(run),
      outcome: 'started',
      ...(skipped.length > 0 ? { details: skipped } : {}),
    });
    const step = await deployAndVerify(env, sha, {
      root: ctx.root,
      out: ctx.out,
      ...(from ? { previousSha: from } : {}),
    });
    const done = appendEvent(state, {
      ...base,
      time: nowIso(run),
      outcome: step.ok ? 'succeeded' : 'failed',
      details: [...skipped, ...step.details],
    });
    if (step.ok && env.isProduction) {
      writeRecord(
        state,
        nextRecord({
          old: state.record,
          sha,
          at: nowIso(run),
          environment: env.name,
          event: 'PROMOTE',
          actor,
          reason: opts.reason,
          auditHead: done.hash,
          historyLimit: deploy.history_limit,
        }),
      );
    } else {
      sealHead(state, done.hash);
    }
    if (step.interrupted) {
      // Whoever stopped Slipway wants it to stop: no automatic rollback, no commit.
      ctx.out.write(
        interruptedLine(
          step.interrupted,
          step.interruptedDuring ?? 'command',
          'deploy',
          env.name,
          deploy.record,
          state.record?.last_good_sha ?? null,
        ),
      );
      return signalExitCode(step.interrupted);
    }
    if (step.ok) {
      ctx.out.write(
        env.isProduction
          ? `promoted ${sha.slice(0, 12)} to ${env.name}; ${deploy.record} updated\n`
          : `${env.name} verified ${sha.slice(0, 12)}: ready to promote\n`,
      );
    } else {
      ctx.out.write(
        `promote of ${sha.slice(0, 12)} to ${env.name} FAILED: ${step.details.filter((d) => !d.includes(': ok')).join('; ')}\n`,
      );
      if (env.isProduction && step.notStarted) {
        ctx.out.write(
          'the deploy command never started, so nothing changed in production and nothing is rolled back\n',
        );
      } else if (env.isProduction && from === sha) {
        // A redeploy of what production already ran: "back" is the same SHA, which just failed.
        ctx.out.write(
          `production already ran ${sha.slice(0, 12)} before this deploy, so there is nothing to roll back to automatically; roll back further by hand (slipway rollback --to <sha> --reason ...) if it stays unhealthy\n`,
        );
      } else if (env.isProduction && from) {
        const correction = await runCorrectionStep(run, env, state, {
          from: sha,
          to: from,
          reason: `automatic: promote of ${sha.slice(0, 12)} failed (${step.details.filter((d) => !d.includes(': ok')).join('; ')})`,
          pin: false,
          updateRecord: false,
        });
        if (correction.interrupted) return signalExitCode(correction.interrupted);
      } else if (env.isProduction) {
        ctx.out.write('no earlier deploy is recorded, so there is nothing to roll back to\n');
      }
    }
    await commitIfAsked(
      run,
      state,
      `slipway: ${step.ok ? '' : 'failed '}${event === 'PROMOTE' ? `promote of ${sha.slice(0, 12)} to` : `verification of ${sha.slice(0, 12)} on`} ${env.name}`,
      `${event} ${env.name} ${sha}`,
    );
    return step.ok ? 0 : 1;
  } finally {
    lock.release();
  }
}
