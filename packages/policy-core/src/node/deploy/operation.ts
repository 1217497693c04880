import { join, relative } from 'node:path';
import {
  type Actor,
  type ApprovalAnswer,
  type ApprovalRequest,
  DeployError,
  type DeployStepId,
  type PolicyDocument,
  type ProgressEvent,
  Workspace,
} from '../../index.js';
import { acquireDeployLock, type DeployLock, isAlive, LockHeldError, readLockHolder } from './deploy-lock.js';
import type { DeployState } from './deploy-state.js';
import { commitDeployFiles, gitCommonDir } from './git-ops.js';
import { type StopScope, signalStopScope } from './stop-scope.js';

/** What every deploy operation shares: where it runs, who acts, how it reports and asks. */
export interface OperationContext {
  root: string;
  doc: PolicyDocument;
  env: Record<string, string | undefined>;
  actor: Actor;
  now: () => Date;
  dryRun: boolean;
  commit: boolean;
  progress: (event: ProgressEvent) => void;
  approve?: (request: ApprovalRequest) => Promise<ApprovalAnswer>;
  /** The caller's cancellation, checked between steps (steps themselves use openStop). */
  signal?: AbortSignal;
  /**
   * Opens the scope a step whose end must be logged runs in (a deploy command and its health
   * checks): its `stop` aborts when the run is cancelled. See stop-scope.ts.
   */
  openStop: () => StopScope;
  /** The operation's caches (parsed files, the audit log verified): shared by its reads and its guard. */
  workspace: Workspace;
}

/** The options every operation takes besides its own. */
export interface OperationOptions {
  /** The repository root (see findRoot). */
  root: string;
  /** Its valid policy, with a deploy: section. */
  policy: PolicyDocument;
  /** The environment variables `${VAR}`s in the policy and the commands see. */
  env: Record<string, string | undefined>;
  /** Who acts, as the record and log will say (see detectActor). */
  actor: Actor;
  /** Print the plan and change nothing. */
  dryRun?: boolean;
  /** Commit the record and the audit log (with a Slipway-Event: trailer). */
  commit?: boolean;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /**
   * For a host that turns process signals into cancellation only while a step runs (the CLI:
   * outside those steps Ctrl-C exits as usual). Default: the callbacks' `signal`.
   */
  stopScopes?: () => StopScope;
}

/** The context an operation runs in, from its options and the caller's callbacks. */
export function operationContext(
  opts: OperationOptions,
  callbacks: {
    onProgress?: (e: ProgressEvent) => void;
    approve?: OperationContext['approve'];
    signal?: AbortSignal;
  },
): OperationContext {
  const onProgress = callbacks.onProgress;
  return {
    root: opts.root,
    doc: opts.policy,
    env: opts.env,
    actor: opts.actor,
    now: opts.now ?? (() => new Date()),
    dryRun: opts.dryRun === true,
    commit: opts.commit === true,
    progress: (e) => onProgress?.(e),
    ...(callbacks.approve ? { approve: callbacks.approve } : {}),
    ...(callbacks.signal ? { signal: callbacks.signal } : {}),
    openStop: opts.stopScopes ?? (() => signalStopScope(callbacks.signal)),
    workspace: new Workspace(),
  };
}

/** Reports one line (a trailing newline is dropped: events are lines). */
export function say(ctx: Pick<OperationContext, 'progress'>, step: DeployStepId, message: string): void {
  ctx.progress({ step, message: message.endsWith('\n') ? message.slice(0, -1) : message });
}

/**
 * The lock lives in the git directory: shared by all worktrees, never committed.
 * @internal
 */
export async function lockPath(root: string): Promise<string> {
  return join(await gitCommonDir(root), 'slipway-deploy.lock');
}

/** Takes the deploy lock; held by another run, a DeployError (`lock-held`) that names the holder. */
export async function takeLock(root: string, command: string): Promise<DeployLock> {
  const path = await lockPath(root);
  try {
    return acquireDeployLock(path, command);
  } catch (err) {
    if (err instanceof LockHeldError) throw new DeployError('lock-held', err.message);
    throw err;
  }
}

/** Who holds the lock now, without taking it; a stale lock left by a crashed run does not count. */
export async function lockStatus(root: string): Promise<string | undefined> {
  const holder = readLockHolder(await lockPath(root));
  return holder && isAlive(holder)
    ? `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started_at})`
    : undefined;
}

/** @internal */
export function nowIso(ctx: Pick<OperationContext, 'now'>): string {
  return ctx.now().toISOString();
}

/**
 * `commit`: the record and the log, nothing else, with the trailer REC006 looks for. Returns
 * the commit's SHA, or undefined when not asked.
 */
export async function commitIfAsked(
  ctx: OperationContext,
  state: DeployState,
  subject: string,
  event: string,
): Promise<string | undefined> {
  if (!ctx.commit || ctx.dryRun) return undefined;
  const paths = [state.deploy.record, state.deploy.audit_log].filter(
    (p) =>
      // The record may not exist yet (a staging deploy before any production one).
      relative(ctx.root, join(ctx.root, p)) !== '' &&
      (p !== state.deploy.record || state.record !== undefined),
  );
  const sha = await commitDeployFiles(ctx.root, paths, subject, event);
  say(ctx, 'commit', `committed ${paths.join(', ')} as ${sha.slice(0, 12)}`);
  return sha;
}
