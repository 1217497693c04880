import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { listCommitFiles } from '../fs-repo.js';
import { readGitdirFile } from '../git/discover-root.js';
import { filterFreeArgs } from '../git/filter-free.js';
import { runGit } from '../git/run-git.js';
import { isAlive, processStart } from './deploy-lock.js';
import { gitCommonDir } from './git-ops.js';

/**
 * The guard's temporary worktrees live in `<tmpdir>/slipway-guard-<pid>.<start>-XXXXXX/tree`.
 * The owner's pid and kernel start time in the name let the next run tell a worktree left by a
 * killed run (owner gone) from one a concurrent guard is using right now (owner alive).
 */
const PREFIX = 'slipway-guard-';
const OWNED = /^slipway-guard-(\d+)\.(\d*)-[A-Za-z0-9]+$/;

function ownerGone(parentName: string): boolean {
  const m = OWNED.exec(parentName);
  if (!m) return false;
  return !isAlive({
    pid: Number(m[1]),
    host: hostname(),
    ...(m[2] ? { pid_start: m[2] } : {}),
    started_at: '',
    command: 'slipway guard',
  });
}

/** Worktree paths git has registered for this repository. */
async function listWorktrees(root: string): Promise<string[]> {
  const r = await runGit(root, ['worktree', 'list', '--porcelain']);
  return r.stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));
}

/**
 * Removes what a guard killed mid-way (SIGKILL, a crashed runner) left behind: its worktrees
 * registered in this repository, and its temporary directories. Only Slipway's own names with
 * a dead owner are touched; a user's worktrees and a live guard's are left alone.
 */
export async function removeStaleGuardWorktrees(root: string): Promise<string[]> {
  // A leftover worktree lives in a leftover temporary directory: without one, nothing to ask git.
  const tmp = tmpdir();
  if (!safeReaddir(tmp).some((name) => name.startsWith(PREFIX) && ownerGone(name))) return [];
  const removed: string[] = [];
  for (const path of await listWorktrees(root)) {
    const parent = dirname(path);
    if (basename(path) !== 'tree' || !ownerGone(basename(parent))) continue;
    // Twice forced: a worktree whose `git worktree add` was killed is still locked ("initializing").
    const r = await runGit(root, ['worktree', 'remove', '--force', '--force', path], { okCodes: [128] });
    if (r.code !== 0) await forgetWorktree(root, path);
    rmSync(parent, { recursive: true, force: true });
    removed.push(path);
  }
  // Directories made before `git worktree add` registered anything.
  for (const name of safeReaddir(tmp)) {
    if (name.startsWith(PREFIX) && ownerGone(name)) rmSync(join(tmp, name), { recursive: true, force: true });
  }
  return removed;
}

/** Deletes git's record of a worktree whose directory is gone (only the one that names `path`). */
async function forgetWorktree(root: string, path: string): Promise<void> {
  const admin = join(await gitCommonDir(root), 'worktrees');
  for (const name of safeReaddir(admin)) {
    const gitdir = join(admin, name, 'gitdir');
    if (existsSync(gitdir) && readFileSync(gitdir, 'utf8').trim() === join(path, '.git'))
      rmSync(join(admin, name), { recursive: true, force: true });
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Checks out `sha` in a temporary detached worktree, so the guard reads that commit's tree
 * and not whatever the working directory holds; removed afterwards, and by the next run when
 * this one is killed before it can. `fn` also gets the commit's file listing, read from the
 * tree while the checkout is written, instead of `git ls-files` in the worktree afterwards.
 */
export async function withWorktree<T>(
  root: string,
  sha: string,
  fn: (dir: string, listing: Promise<Buffer>) => Promise<T>,
): Promise<T> {
  // Before the add, never beside it: `git worktree remove` deletes `<git dir>/worktrees` once it
  // is empty, which can pull the directory from under an add that has just made it. Nothing to
  // clean (the usual case) is known without a git process, so this waits on nothing then.
  await removeStaleGuardWorktrees(root).catch(() => []);
  const parent = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}.${processStart(process.pid) ?? ''}-`));
  const dir = join(parent, 'tree');
  const listing = listCommitFiles(root, sha);
  listing.catch(() => {}); // a failure is seen (and git asked again) where the listing is used
  try {
    // No filter runs on the commit's files (filter-free.ts): a committed `* filter=lfs` and
    // `.lfsconfig` must not make the user's git-lfs contact the host the commit names.
    const noFilters = await filterFreeArgs(root);
    await runGit(root, [...noFilters, 'worktree', 'add', '--quiet', '--detach', dir, sha]);
    return await fn(dir, listing);
  } finally {
    if (!removeOwnWorktree(dir)) {
      const removed = await runGit(root, ['worktree', 'remove', '--force', dir], {
        okCodes: [128],
      }).catch(() => undefined);
      if (removed?.code !== 0) await forgetWorktree(root, dir).catch(() => undefined);
    }
    rmSync(parent, { recursive: true, force: true });
  }
}

/**
 * What `git worktree remove --force` does to a worktree this run made, without a git process
 * (one is 15-20 ms at the end of every production promote): deletes its files and git's record
 * of it, `<git dir>/worktrees/<id>`, once that record is seen to name exactly this worktree.
 * False, touching nothing, for anything else (a locked or unexpected worktree): git decides then.
 */
function removeOwnWorktree(dir: string): boolean {
  try {
    const admin = readGitdirFile(join(dir, '.git'));
    if (admin === undefined || basename(dirname(admin)) !== 'worktrees' || existsSync(join(admin, 'locked')))
      return false;
    const back = readFileSync(join(admin, 'gitdir'), 'utf8').trim();
    if (resolve(admin, back) !== join(dir, '.git')) return false;
    rmSync(dir, { recursive: true, force: true });
    rmSync(admin, { recursive: true, force: true });
    // `<git dir>/worktrees` itself, when this was its only worktree (as `git worktree prune`
    // does): a dry run must leave .git as it found it. Not empty: someone else's, left alone.
    try {
      rmdirSync(dirname(admin));
    } catch {
      // ENOTEMPTY: other worktrees are registered
    }
    return true;
  } catch {
    return false;
  }
}
