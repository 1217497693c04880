import {
  type AuditEventName,
  type DeployCallbacks,
  DeployError,
  interruptedLine,
  lostPinLine,
  nextRecord,
  type PromoteResult,
  productionPin,
  stateWarnings,
} from '../../index.js';
import { closeAbandonedRuns } from './abandoned-runs.js';
import { approvalStep, approveOrLog, assertApprovable } from './approve-or-log.js';
import { runCorrectionStep } from './correction.js';
import { appendEvent, readDeployState, refuseIfUnusable, sealHead, writeRecord } from './deploy-state.js';
import { deployAndVerify } from './deploy-step.js';
import {
  commitIfAsked,
  nowIso,
  type OperationContext,
  operationContext,
  say,
  takeLock,
} from './operation.js';
import { guarded, guardSkipped, startPromoteChecks } from './preconditions.js';
import { type Progress, result } from './promote-result.js';
import {
  buildPlan,
  checkOutcome,
  guardFor,
  type PromoteOptions,
  promoteSetup,
  sayPlan,
  settingsAndTarget,
} from './promote-plan.js';

/**
 * Promotes a commit to an environment. Staging: deploy, health checks, STAGING_VERIFIED.
 * Production: every precondition (see planPromote), a person's approval (the `approve` callback
 * asked for the short SHA, or `yes` + `approvedBy`), deploy and smoke checks, the record and
 * the audit log written; on failure an automatic rollback to the recorded last good SHA. Holds
 * the deploy lock throughout: a second promote meanwhile is refused naming this one. Never
 * throws for an expected refusal: the result's outcome and message say what happened.
 */
export async function promote(
  opts: Omit<PromoteOptions, 'dryRun'>,
  callbacks: DeployCallbacks = {},
): Promise<PromoteResult> {
  const ctx = operationContext({ ...opts, dryRun: false }, callbacks);
  const p: Progress = { env: opts.environment, sha: null, steps: [], findings: [] };
  try {
    return await promoteLocked(ctx, opts, p);
  } catch (err) {
    if (err instanceof DeployError) return result(p, 'refused', err.message, { error: err });
    throw err;
  }
}

async function promoteLocked(
  ctx: OperationContext,
  opts: PromoteOptions,
  p: Progress,
): Promise<PromoteResult> {
  const { deploy, env, needsApproval } = promoteSetup(ctx, opts);
  // Refused here, before anything runs or is written, when the checkout's deploy: is not production's.
  const { source, target } = await settingsAndTarget(ctx, deploy, opts);
  const sha = target.sha;
  p.sha = sha;
  const what = `promote ${sha.slice(0, 12)} to ${env.name}`;
  if (needsApproval) assertApprovable(ctx, { yes: opts.yes === true, approvedBy: opts.approvedBy }, what);
  if (ctx.signal?.aborted)
    return result(p, 'cancelled', `${what} was cancelled before it started; nothing was deployed`);
  const lock = await takeLock(ctx.root, `slipway promote ${sha.slice(0, 12)} --env ${env.name}`);
  try {
    const checksInput = {
      sha,
      skipStaging: opts.skipStaging === true,
      guard: guardFor(ctx, opts),
      productionHead: { ref: source.ref, sha: source.commit },
      ...(opts.breakGlass ? { breakGlass: opts.breakGlass } : {}),
    };
    const finishChecks = startPromoteChecks(ctx, env, checksInput);
    // Read under the lock: whoever held it before may have changed both files.
    const state = readDeployState(ctx.root, deploy, ctx.workspace.auditLogs);
    p.state = state;
    const reason = opts.reason ? { reason: opts.reason } : {};
    refuseIfUnusable(state, {
      time: nowIso(ctx),
      event: 'GUARD_FAILED',
      environment: env.name,
      from: null,
      to: sha,
      actor: ctx.actor,
      ...reason,
    });
    for (const w of stateWarnings(state)) say(ctx, 'plan', w);
    closeAbandonedRuns(ctx, state);
    const { checks, guard, window } = await finishChecks(state);
    p.findings = guard?.result?.findings ?? [];
    if (opts.skipStaging) checks.push({ name: 'staging skipped', ok: true, detail: opts.reason ?? '' });
    const plan = buildPlan(env, state, target, checks, guard, undefined);
    sayPlan(ctx, env, plan, source);
    for (const c of checks) p.steps.push(checkOutcome(c));
    const from = plan.current;
    const event: AuditEventName = env.isProduction ? 'PROMOTE' : 'STAGING_VERIFIED';
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) {
      const e = appendEvent(state, {
        time: nowIso(ctx),
        event: 'GUARD_FAILED',
        environment: env.name,
        from,
        to: sha,
        actor: ctx.actor,
        ...reason,
        outcome: 'refused',
        details: failed.map((c) => `${c.name}: ${c.detail}`),
      });
      const pin = env.isProduction ? productionPin(state) : undefined;
      if (pin?.source === 'log') {
        // The record lost its pin by hand: sealing or committing it now would launder the edit
        // under a Slipway-Event trailer. Leave it as found (AUD003 shows the unsealed entry).
        const line = `refused: ${lostPinLine(state, pin)}; nothing was deployed and ${deploy.record} was not changed (logged as GUARD_FAILED)`;
        say(ctx, 'outcome', line);
        return result(p, 'refused', line, { plan });
      }
      sealHead(state, e.hash);
      p.committed = await commitIfAsked(
        ctx,
        state,
        `slipway: promote of ${sha.slice(0, 12)} to ${env.name} refused`,
        `GUARD_FAILED ${env.name} ${sha}`,
      );
      const line = `refused: ${failed.map((c) => c.name).join(', ')}; nothing was deployed (logged as GUARD_FAILED)`;
      say(ctx, 'outcome', line);
      return result(p, 'refused', line, { plan });
    }
    let actor = ctx.actor;
    if (needsApproval) {
      const approval = await approveOrLog(ctx, state, {
        yes: opts.yes === true,
        ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
        action: 'promote',
        what,
        sha,
        event: { event, environment: env.name, from, to: sha, actor: ctx.actor, ...reason },
        subject: `slipway: promote of ${sha.slice(0, 12)} to ${env.name} not approved`,
      });
      const approved = approvalStep(approval, p, ctx.actor);
      if (approved.end)
        return result(p, approved.end.outcome, approved.end.message, { ...approved.end.extra, plan });
      actor = approved.actor;
    }
    const run = { ...ctx, actor };
    const base = { event, environment: env.name, from, to: sha, actor, ...reason };
    // A production promote without staging, or one to an unguarded environment, says so in the
    // log itself, not only in its reason.
    const skipped = [
      ...(opts.skipStaging ? [`staging skipped (--skip-staging): ${opts.reason ?? ''}`] : []),
      ...(guarded(env) ? [] : [`guard ${guardSkipped(env)}`]),
    ];
    // The override is its own entry, before the run it lets through: who approved it and what it overrode.
    if (window?.overridden)
      appendEvent(state, {
        ...base,
        event: 'BREAK_GLASS',
        time: nowIso(run),
        outcome: 'succeeded',
        details: window.overridden,
      });
    appendEvent(state, {
      ...base,
      time: nowIso(run),
      outcome: 'started',
      ...(skipped.length > 0 ? { details: skipped } : {}),
    });
    const step = await deployAndVerify(env, sha, {
      root: ctx.root,
      env: ctx.env,
      progress: ctx.progress,
      openStop: ctx.openStop,
      ...(from ? { previousSha: from } : {}),
    });
    for (const o of step.outcomes) p.steps.push(o);
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
      const line = interruptedLine(
        step.interrupted,
        step.interruptedDuring ?? 'command',
        'deploy',
        env.name,
        deploy.record,
        state.record?.last_good_sha ?? null,
      );
      say(ctx, 'outcome', line);
      return result(p, 'cancelled', line, { interruptedBy: step.interrupted, plan });
    }
    let outcome: PromoteResult['outcome'] = step.ok ? 'deployed' : 'failed';
    let message: string;
    if (step.ok) {
      message = env.isProduction
        ? `promoted ${sha.slice(0, 12)} to ${env.name}; ${deploy.record} updated`
        : `${env.name} verified ${sha.slice(0, 12)}: ready to promote`;
      say(ctx, 'outcome', message);
    } else {
      const why = step.details.filter((d) => !d.includes(': ok')).join('; ');
      message = `promote of ${sha.slice(0, 12)} to ${env.name} FAILED: ${why}`;
      say(ctx, 'outcome', message);
      if (env.isProduction && step.notStarted) {
        say(
          ctx,
          'outcome',
          'the deploy command never started, so nothing changed in production and nothing is rolled back',
        );
      } else if (env.isProduction && from === sha) {
        // A redeploy of what production already ran: "back" is the same SHA, which just failed.
        say(
          ctx,
          'outcome',
          `production already ran ${sha.slice(0, 12)} before this deploy, so there is nothing to roll back to automatically; roll back further by hand (slipway rollback --to <sha> --reason ...) if it stays unhealthy`,
        );
      } else if (env.isProduction && from) {
        const correction = await runCorrectionStep(run, env, state, {
          from: sha,
          to: from,
          reason: `automatic: promote of ${sha.slice(0, 12)} failed (${why})`,
          pin: false,
          updateRecord: false,
        });
        for (const o of correction.outcomes) p.steps.push(o);
        if (correction.interrupted)
          return result(p, 'cancelled', message, { interruptedBy: correction.interrupted, plan });
        if (correction.ok) outcome = 'rolled-back';
      } else if (env.isProduction) {
        say(ctx, 'outcome', 'no earlier deploy is recorded, so there is nothing to roll back to');
      }
    }
    const committing = commitIfAsked(
      run,
      state,
      `slipway: ${step.ok ? '' : 'failed '}${event === 'PROMOTE' ? `promote of ${sha.slice(0, 12)} to` : `verification of ${sha.slice(0, 12)} on`} ${env.name}`,
      `${event} ${env.name} ${sha}`,
    );
    try {
      p.committed = await committing;
    } catch (err) {
      // Deployed (or not) all the same: the result says so, and why the commit is missing.
      if (err instanceof DeployError) return result(p, outcome, message, { plan, error: err });
      throw err;
    }
    return result(p, outcome, message, { plan });
  } finally {
    lock.release();
  }
}
