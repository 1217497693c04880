import { resolve } from 'node:path';
import { DeployError, type GitIdentity, type Person, tagMatches } from '../../index.js';
import { discoverCommonDir } from '../git/discover-root.js';
import { GitError, runGit } from '../git/run-git.js';

const text = async (root: string, args: string[], okCodes?: number[]) =>
  (await runGit(root, args, { okCodes })).stdout.toString('utf8');

/** Resolves a ref or SHA to the full commit SHA; one clear line when it names no commit. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new DeployError('git', `"${ref}" is not a commit`);
  const r = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    okCodes: [1, 128],
  });
  const sha = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new DeployError(
      'git',
      `"${ref}" is not a commit in this repository (fetch it, or pass a full SHA)`,
    );
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
 * @internal
 */
export async function ancestry(root: string, sha: string, ref: string): Promise<'yes' | 'no' | 'missing'> {
  if (ref.startsWith('-')) return 'missing';
  const r = await runGit(root, ['merge-base', '--is-ancestor', sha, `${ref}^{commit}`], {
    okCodes: [1, 128],
  });
  return r.code === 0 ? 'yes' : r.code === 1 ? 'no' : 'missing';
}

/**
 * Tags pointing at `sha` that match the policy's release_tag pattern.
 * @internal
 */
export async function releaseTags(root: string, sha: string, pattern: string): Promise<string[]> {
  const out = await text(root, ['tag', '--points-at', sha]);
  return out.split('\n').filter((t) => t !== '' && tagMatches(t, pattern));
}

/**
 * Paths that differ between two commits, limited to `paths` (directories or files).
 * @internal
 */
export async function changedPaths(
  root: string,
  from: string,
  to: string,
  paths: string[],
): Promise<{ status: string; path: string }[]> {
  if (paths.length === 0) return [];
  const out = await text(root, [
    'diff',
    '--name-status',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    from,
    to,
    '--',
    ...paths,
  ]);
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
    throw new DeployError(
      'write-failed',
      `could not commit the deploy record: ${err.message}; the record and the log are written but not committed (commit them with a Slipway-Event trailer, or rerun with --commit).`,
    );
  }
  return (await text(root, ['rev-parse', 'HEAD'])).trim();
}

export type { GitIdentity };

const IDENT = /^(.*) <([^>]*)> \d+ [+-]\d{4}$/;

/**
 * `git var -l`, one process: the author and committer idents exactly as git builds them for a
 * commit (environment, then author./committer./user. config; where none is set, a guess from
 * the account, which never fails like `git var GIT_AUTHOR_IDENT` does), and the config lines
 * that say whether the author name was set rather than guessed. The idents come after the
 * config, so the last line of each wins over a multi-line config value that mimics one.
 */
export async function gitIdentity(
  root: string,
  env: Record<string, string | undefined>,
): Promise<GitIdentity> {
  const r = await runGit(root, ['var', '-l']).catch(() => undefined);
  const lines = r?.stdout.toString('utf8').split('\n') ?? [];
  const last = (prefix: string) => lines.findLast((l) => l.startsWith(prefix))?.slice(prefix.length);
  const person = (key: string): Person => {
    const m = IDENT.exec(last(`${key}=`) ?? '');
    return { name: m?.[1]?.trim() ?? '', email: m?.[2]?.trim() ?? '' };
  };
  const author = person('GIT_AUTHOR_IDENT');
  const nameSet =
    Boolean(env.GIT_AUTHOR_NAME?.trim()) ||
    Boolean(last('author.name=')?.trim()) ||
    Boolean(last('user.name=')?.trim());
  const name = (nameSet ? author.name : '') || env.USER?.trim() || env.USERNAME?.trim() || undefined;
  return { author, committer: person('GIT_COMMITTER_IDENT'), ...(name ? { name } : {}) };
}

/**
 * `git rev-parse --git-common-dir`, from the file system when that is certain (no process).
 * @internal
 */
export async function gitCommonDir(root: string): Promise<string> {
  const known = discoverCommonDir(root, process.env);
  if (known !== undefined) return known;
  const r = await runGit(root, ['rev-parse', '--git-common-dir']);
  return resolve(root, r.stdout.toString('utf8').trim());
}
