import { join, relative } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Actor, PolicyDocument } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { acquireDeployLock, type DeployLock, isAlive, LockHeldError, readLockHolder } from './deploy-lock.js';
import type { DeployState } from './deploy-state.js';
import { commitDeployFiles, gitCommonDir } from './git-ops.js';

/** What every deploy command shares: where it runs, who acts, how it talks. */
export interface OperationContext {
  root: string;
  doc: PolicyDocument;
  out: Writable;
  stdin: Readable;
  interactive: boolean;
  env: Record<string, string | undefined>;
  actor: Actor;
  now: () => Date;
  dryRun: boolean;
  commit: boolean;
}

/** The lock lives in the git directory: shared by all worktrees, never committed. */
export async function lockPath(root: string): Promise<string> {
  return join(await gitCommonDir(root), 'slipway-deploy.lock');
}

export async function takeLock(root: string, command: string): Promise<DeployLock> {
  const path = await lockPath(root);
  try {
    return acquireDeployLock(path, command);
  } catch (err) {
    if (err instanceof LockHeldError) throw new UserError(err.message, 1);
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

export function nowIso(ctx: OperationContext): string {
  return ctx.now().toISOString();
}

/** `--commit`: the record and the log, nothing else, with the trailer REC006 looks for. */
export async function commitIfAsked(
  ctx: OperationContext,
  state: DeployState,
  subject: string,
  event: string,
) {
  if (!ctx.commit || ctx.dryRun) return;
  const paths = [state.deploy.record, state.deploy.audit_log].filter(
    (p) =>
      // The record may not exist yet (a staging deploy before any production one).
      relative(ctx.root, join(ctx.root, p)) !== '' &&
      (p !== state.deploy.record || state.record !== undefined),
  );
  const sha = await commitDeployFiles(ctx.root, paths, subject, event);
  ctx.out.write(`committed ${paths.join(', ')} as ${sha.slice(0, 12)}\n`);
}
