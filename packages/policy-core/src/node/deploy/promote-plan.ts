import {
  approvalText,
  assertBreakGlass,
  type BreakGlass,
  currentSha,
  type DeployCallbacks,
  DeployError,
  type DeploySection,
  type Precondition,
  type PromotePlan,
  productionPin,
  type ResolvedEnvironment,
  resolveEnvironment,
  type StepOutcome,
  stateWarnings,
} from '../../index.js';
import { assertUsable, type DeployState, readDeployState } from './deploy-state.js';
import { commitExists, resolveCommit } from './git-ops.js';
import { guardOnSha } from './guard-on-sha.js';
import type { GuardStep } from './guard-step.js';
import {
  lockStatus,
  type OperationContext,
  type OperationOptions,
  operationContext,
  say,
} from './operation.js';
import { type GuardFn, type GuardVerdict, startPromoteChecks } from './preconditions.js';
import {
  type DeploySettingsSource,
  deploySettingsFromProduction,
  deploySettingsLine,
} from './production-deploy-settings.js';
import { defaultShipTarget } from './ship-target.js';
import type { EarlyPromoteReads } from './early-promote-reads.js';
import type { GitResult } from '../git/run-git.js';

export interface PromoteOptions extends OperationOptions {
  /** The environment to promote to (a key of deploy.environments). */
  environment: string;
  /** The commit to ship (a SHA or ref); default: see `defaultTarget`. */
  ref?: string;
  /**
   * What ships when no `ref` is given: the head of the production branch (default; the
   * remote-tracking branch when there is no local one), or HEAD (the CLI). Either way a record
   * commit Slipway made on top is stepped past: it is not a release.
   */
  defaultTarget?: 'production-branch' | 'head';
  /** Why (logged). Required with `skipStaging`. */
  reason?: string;
  /** Promote to production without a staging verification. */
  skipStaging?: boolean;
  /** Approved up front: `approvedBy` names the person (no `approve` callback is asked). */
  yes?: boolean;
  approvedBy?: string;
  /** The guard on the shipped SHA; default: the deploy guard on its tree (guardOnSha). */
  guard?: GuardFn;
  /** The guard steps after the rules (the CLI passes its database audit). */
  guardSteps?: GuardStep[];
  /** Override a deploy window that refuses now (a human's, with `reason`; logged as BREAK_GLASS). */
  breakGlass?: BreakGlass;
  /** planPromote only: contact staging's health at the end of the soak, as a promote would. */
  probeHealth?: boolean;
  /** What the caller started asking before the policy was parsed (startPromoteReads), for this root. */
  early?: EarlyPromoteReads;
}

/**
 * The checks before anything is read: a deploy section, the environment, a reason to skip staging.
 * @internal
 */
export function promoteSetup(ctx: OperationContext, opts: PromoteOptions) {
  const deploy = ctx.doc.policy.deploy;
  const env = resolveEnvironment(ctx.doc, opts.environment, ctx.env);
  if (!deploy) throw new DeployError('config', 'the policy has no deploy: section');
  if (opts.skipStaging && !opts.reason?.trim())
    throw new DeployError('usage', '--skip-staging needs --reason saying why staging was skipped.');
  if (opts.breakGlass) assertBreakGlass(ctx.doc, ctx.actor, opts.breakGlass, opts.reason);
  return { deploy, env, needsApproval: env.isProduction || env.config.approval === 'required' };
}

/** @internal */
export function guardFor(ctx: OperationContext, opts: PromoteOptions): GuardFn {
  return opts.guard ?? guardOnSha(ctx.root, ctx.env, ctx.doc, opts.guardSteps ?? [], ctx.workspace);
}

/** The commit the default ships from: the production branch's head, or HEAD. */
async function defaultHead(ctx: OperationContext, opts: PromoteOptions): Promise<string> {
  if (opts.defaultTarget === 'head') return 'HEAD';
  const branch = ctx.doc.policy.production_branch;
  for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`])
    if (await commitExists(ctx.root, ref)) return ref;
  return 'HEAD';
}

/**
 * The SHA given, or the default's code: a record commit `commit: true` made is not a release
 * (see ship-target.ts), so the default steps past them.
 */
async function shipTarget(
  ctx: OperationContext,
  deploy: DeploySection,
  opts: PromoteOptions,
  headLog: Promise<GitResult> | undefined,
): Promise<{ sha: string; skipped: string[] }> {
  if (opts.ref !== undefined) return { sha: await resolveCommit(ctx.root, opts.ref), skipped: [] };
  const head = await defaultHead(ctx, opts);
  return defaultShipTarget(ctx.root, deploy, head, head === 'HEAD' ? headLog : undefined);
}

/**
 * Where the deploy settings come from (refused when the checkout's are not production's: see
 * production-deploy-settings.ts) and the SHA to ship, which says so when it stepped past record
 * commits. Neither needs the other, so their git runs at once; what is said and thrown is what it
 * was when one ran after the other: the settings' refusal first, and no line of the SHA's before it.
 * @internal
 */
export async function settingsAndTarget(
  ctx: OperationContext,
  deploy: DeploySection,
  opts: PromoteOptions,
): Promise<{ source: DeploySettingsSource; target: { sha: string; skipped: string[] } }> {
  const early = opts.early?.root === ctx.root ? opts.early : undefined;
  if (opts.early && !early) opts.early.production.close();
  const reading = shipTarget(ctx, deploy, opts, early?.headLog);
  reading.catch(() => {}); // thrown below, once the settings are known to be production's
  const source = await deploySettingsFromProduction(ctx.root, ctx.doc, early?.production);
  const target = await reading;
  const n = target.skipped.length;
  if (n > 0)
    say(
      ctx,
      'plan',
      `HEAD is ${n === 1 ? 'a record commit' : `the last of ${n} record commits`} Slipway made; shipping the commit below ${n === 1 ? 'it' : 'them'}, ${target.sha.slice(0, 12)}`,
    );
  return { source, target };
}

/**
 * A precondition as a result step (the guard and the lock under their own step ids).
 * @internal
 */
export function checkOutcome(c: Precondition): StepOutcome {
  const step = c.name === 'guard' ? 'guard' : c.name === 'lock' ? 'lock' : 'checks';
  return { step, name: c.name, ok: c.ok, detail: c.detail };
}

/**
 * The plan as data, from what the checks found.
 * @internal
 */
export function buildPlan(
  env: ResolvedEnvironment,
  state: DeployState,
  target: { sha: string; skipped: string[] },
  checks: Precondition[],
  guard: GuardVerdict | undefined,
  lockHolder: string | undefined,
): PromotePlan {
  const staging = checks.find((c) => c.name === 'verified on staging');
  const needsApproval = env.isProduction || env.config.approval === 'required';
  return {
    environment: env.name,
    isProduction: env.isProduction,
    sha: target.sha,
    shortSha: approvalText(target.sha),
    skippedRecordCommits: target.skipped,
    current: currentSha(state, env),
    checks: checks.map(checkOutcome),
    ...(guard?.result ? { guard: guard.result } : {}),
    ...(staging ? { staging: checkOutcome(staging) } : {}),
    pinned: env.isProduction ? (productionPin(state) ?? null) : null,
    approval: needsApproval ? { required: true, expect: approvalText(target.sha) } : { required: false },
    deployCommand: env.config.deploy ?? null,
    health: env.health.map((h) => ({
      url: h.url,
      ...(h.options.expectJsonStatus ? { expectJsonStatus: h.options.expectJsonStatus } : {}),
    })),
    ...(lockHolder ? { lockHolder } : {}),
    warnings: stateWarnings(state),
    wouldProceed: checks.every((c) => c.ok),
  };
}

/**
 * The plan, line by line, as progress (what `slipway promote` prints before it acts).
 * @internal
 */
export function sayPlan(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  plan: PromotePlan,
  source: DeploySettingsSource,
) {
  say(
    ctx,
    'plan',
    `promote ${plan.sha} to ${env.name}${plan.current ? ` (now ${plan.current.slice(0, 12)})` : ''}`,
  );
  for (const c of plan.checks) say(ctx, c.step, `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  say(
    ctx,
    'plan',
    `  deploy: ${env.config.deploy ? env.config.deploy.join(' ') : '(no command: health checks only)'}`,
  );
  say(ctx, 'plan', `  ${deploySettingsLine(source)}`);
  for (const h of plan.health)
    say(ctx, 'plan', `  health: ${h.url}${h.expectJsonStatus ? ` (status "${h.expectJsonStatus}")` : ''}`);
  if (plan.approval.required) say(ctx, 'plan', '  approval: a human must approve');
}

/**
 * What a promote would do and whether it may, without the lock and without writing anything:
 * the preflight checklist (pin, branch, staging verification, contains production, commands,
 * release tag, the guard on the SHA's tree, the lock). Rejects with a DeployError when it
 * cannot even be planned (no such environment, the SHA is not a commit, the record unreadable).
 */
export async function planPromote(
  opts: PromoteOptions,
  callbacks: Pick<DeployCallbacks, 'onProgress'> = {},
): Promise<PromotePlan> {
  const ctx = operationContext({ ...opts, dryRun: true }, callbacks);
  const { deploy, env } = promoteSetup(ctx, opts);
  const { source, target } = await settingsAndTarget(ctx, deploy, opts);
  const checksInput = {
    sha: target.sha,
    skipStaging: opts.skipStaging === true,
    guard: guardFor(ctx, opts),
    productionHead: { ref: source.ref, sha: source.commit },
    ...(opts.breakGlass ? { breakGlass: opts.breakGlass } : {}),
    ...(opts.probeHealth ? { probeHealth: true } : {}),
  };
  // The git questions and the guard start first and run while the record and log are read.
  const finishChecks = startPromoteChecks(ctx, env, checksInput);
  const lockHolder = lockStatus(ctx.root);
  lockHolder.catch(() => {});
  const state = readDeployState(ctx.root, deploy, ctx.workspace.auditLogs);
  assertUsable(state);
  for (const w of stateWarnings(state)) say(ctx, 'plan', w);
  const { checks, guard } = await finishChecks(state);
  const holder = await lockHolder;
  if (holder) checks.push({ name: 'lock', ok: false, detail: `held by ${holder}` });
  const plan = buildPlan(env, state, target, checks, guard, holder);
  sayPlan(ctx, env, plan, source);
  return plan;
}
