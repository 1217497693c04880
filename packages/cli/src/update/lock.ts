import { UserError } from '../command.js';
import { acquireDeployLock, LockHeldError } from '@slipway/policy-core/node';

/**
 * One updater at a time per checkout: the deploy helper's lock (link(2)-based, stale locks of
 * dead processes are broken), held in the checkout's git directory. A held lock is a failed
 * action (exit 1) with the holder named, not a configuration error.
 */
export interface HeldLock {
  path: string;
  release(): void;
}

export function acquireUpdateLock(path: string, command: string): HeldLock {
  try {
    return acquireDeployLock(path, command);
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    const h = err.holder;
    throw new UserError(
      h
        ? `another \`${h.command}\` is running (pid ${h.pid} on ${h.host}, since ${h.started_at}); wait for it, or remove ${path} if that process is gone`
        : `another updater is taking the lock ${path}; try again in a moment`,
      1,
    );
  }
}
