import { resolve } from 'node:path';
import { discoverCommonDir, GitError, runGit } from '@slipway/policy-core/node';
import { UserError } from '../command.js';

const text = async (root: string, args: string[], okCodes?: number[]) =>
  (await runGit(root, args, { okCodes })).stdout.toString('utf8');

/** Resolves a ref or SHA to the full commit SHA; one clear line when it names no commit. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new UserError(`"${ref}" is not a commit`);
  const r = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    okCodes: [1, 128],
  });
  const sha = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new UserError(`"${ref}" is not a commit in this repository (fetch it, or pass a full SHA)`);
  }
  return sha;
}

/** Whether `sha` names a commit this repository has (a record may name one from another clone). */
export async function commitExists(root: string, sha: string): Promise<boolean> {
  const r = await runGit(root, ['cat-file', '-e', `${sha}^{commit}`], { okCodes: [1, 128] });
  return r.code === 0;
}

/**
 * Whether `sha` is in `ref`'s history, in one git process: `merge-base --is-ancestor` answers
 * 0 (yes), 1 (no) or 128 (`ref` names no commit here).
 */
export async function ancestry(root: string, sha: string, ref: string): Promise<'yes' | 'no' | 'missing'> {
  if (ref.startsWith('-')) return 'missing';
  const r = await runGit(root, ['merge-base', '--is-ancestor', sha, `${ref}^{commit}`], {
    okCodes: [1, 128],
  });
  return r.code === 0 ? 'yes' : r.code === 1 ? 'no' : 'missing';
}

/** A tag pattern: `*` matches any run of characters (tags like release/1.2 included), `?` one. */
export function tagMatches(tag: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(tag);
}

/** Tags pointing at `sha` that match the policy's release_tag pattern. */
export async function releaseTags(root: string, sha: string, pattern: string): Promise<string[]> {
  const out = await text(root, ['tag', '--points-at', sha]);
  return out.split('\n').filter((t) => t !== '' && tagMatches(t, pattern));
}

/** Paths that differ between two commits, limited to `paths` (directories or files). */
export async function changedPaths(
  root: string,
  from: string,
  to: string,
  paths: string[],
): Promise<{ status: string; path: string }[]> {
  if (paths.length === 0) return [];
  const out = await text(root, ['diff', '--name-status', '--no-renames', from, to, '--', ...paths]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [status = '', path = ''] = l.split('\t');
      return { status, path };
    });
}

/** Commits the record and the log (only those paths) with a `Slipway-Event:` trailer. */
export async function commitDeployFiles(
  root: string,
  paths: string[],
  subject: string,
  event: string,
): Promise<string> {
  // `add` first: a first record or log is untracked, and `commit --only` takes tracked paths.
  await runGit(root, ['add', '--', ...paths]);
  const message = `${subject}\n\nSlipway-Event: ${event}\n`;
  try {
    await runGit(root, ['commit', '-q', '--only', '-m', message, '--', ...paths]);
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    // Leave the index as it was: staged here, the record would go into the user's next commit
    // without the trailer (REC006). The files themselves stay written.
    await runGit(root, ['reset', '-q', '--', ...paths]).catch(() => undefined);
    throw new UserError(
      `could not commit the deploy record: ${err.message}; the record and the log are written but not committed (commit them with a Slipway-Event trailer, or rerun with --commit).`,
      1,
    );
  }
  return (await text(root, ['rev-parse', 'HEAD'])).trim();
}

/** The name to record for a human: git's user.name, else $USER. */
export async function gitUserName(root: string, env: Record<string, string | undefined>): Promise<string> {
  const r = await runGit(root, ['config', 'user.name'], { okCodes: [1] }).catch(() => undefined);
  const name = r?.stdout.toString('utf8').trim();
  return name || env.USER || env.USERNAME || 'unknown';
}

/** `git rev-parse --git-common-dir`, from the file system when that is certain (no process). */
export async function gitCommonDir(root: string): Promise<string> {
  const known = discoverCommonDir(root, process.env);
  if (known !== undefined) return known;
  const r = await runGit(root, ['rev-parse', '--git-common-dir']);
  return resolve(root, r.stdout.toString('utf8').trim());
}
