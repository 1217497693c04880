import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/** Who holds the deploy lock: enough to tell a live holder from a crashed one, and to name it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Kernel start time of the process (Linux), so a reused pid is not mistaken for the holder. */
  pid_start?: string;
  started_at: string;
  command: string;
}

export class LockHeldError extends Error {
  constructor(
    readonly holder: LockHolder | undefined,
    readonly path: string,
  ) {
    super(
      holder
        ? `another deploy holds the lock: ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started_at}); wait for it to finish${holder.host === hostname() ? '' : `, or remove ${path} if that host is gone`}`
        : `another deploy is taking the lock (${path}); try again in a moment`,
    );
    this.name = 'LockHeldError';
  }
}

export function processStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** False when the holder is provably gone (same host; pid dead or reused): the lock is stale. */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell from here: assume alive
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStart(holder.pid);
  return !(holder.pid_start && start && start !== holder.pid_start);
}

export function readLockHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

export interface DeployLock {
  path: string;
  holder: LockHolder;
  release(): void;
}

/**
 * Takes the exclusive deploy lock. The lock file is written whole under a temp name and then
 * hard-linked into place: link(2) fails if the name exists, so exactly one taker wins, and the
 * file is never seen half-written. A lock whose holder process is gone (same host, pid dead or
 * reused) is stale: it is moved aside and taking is retried.
 */
export function acquireDeployLock(path: string, command: string): DeployLock {
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    pid_start: processStart(process.pid),
    started_at: new Date().toISOString(),
    command,
  };
  const tmp = join(dirname(path), `.deploy-lock.${process.pid}.${Date.now().toString(36)}`);
  writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, path);
        const release = () => {
          // Only remove the lock if it is still ours (a stale-lock breaker may have replaced it).
          const now = readLockHolder(path);
          if (now && now.pid === holder.pid && now.started_at === holder.started_at)
            rmSync(path, { force: true });
        };
        return { path, holder, release };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const current = readLockHolder(path);
      if (current === undefined) {
        // Unreadable: a lock from before this format, or a concurrent breaker mid-way.
        const age = Date.now() - safeMtime(path);
        if (age < 10_000) throw new LockHeldError(undefined, path);
      } else if (isAlive(current)) {
        throw new LockHeldError(current, path);
      }
      // Stale: move it aside (rename is atomic). If a concurrent breaker already replaced it with
      // a live lock, what we moved is that live lock: put it back and report its holder.
      const aside = `${path}.stale.${process.pid}`;
      try {
        renameSync(path, aside);
      } catch {
        continue; // someone else broke it first; retry taking
      }
      const moved = readLockHolder(aside);
      if (current && moved && (moved.pid !== current.pid || moved.started_at !== current.started_at)) {
        try {
          linkSync(aside, path);
        } catch {
          // the name was taken again meanwhile; that taker holds the lock
        }
        rmSync(aside, { force: true });
        throw new LockHeldError(moved, path);
      }
      rmSync(aside, { force: true });
    }
    throw new LockHeldError(readLockHolder(path), path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
