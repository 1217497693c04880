import { runGit } from '../git/run-git.js';

/**
 * The branch `init` writes as `production_branch`: the remote's default branch when a clone
 * knows it, else `main` or `master` when one exists, else the branch checked out. A policy that
 * names a branch the repository does not have makes every `slipway check` fail at once.
 */
export async function detectProductionBranch(root: string): Promise<string> {
  const ask = async (args: string[]) => {
    const r = await runGit(root, args, { okCodes: [1, 128] }).catch(() => undefined);
    const out = r?.code === 0 ? r.stdout.toString('utf8').trim() : '';
    return out || undefined;
  };
  const remoteHead = await ask(['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD']);
  if (remoteHead?.startsWith('origin/')) return remoteHead.slice('origin/'.length);
  for (const name of ['main', 'master'])
    if (await ask(['rev-parse', '-q', '--verify', `refs/heads/${name}`])) return name;
  return (await ask(['symbolic-ref', '-q', '--short', 'HEAD'])) ?? 'main';
}
