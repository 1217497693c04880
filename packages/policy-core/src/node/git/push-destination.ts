import { runGit } from './run-git.js';

/** Where a `git push` that names no branch sends the branch checked out, as git decides it. */
export interface PushDestination {
  /** The branch on the remote it updates (undefined when git cannot say: the push then fails or goes by name). */
  branch?: string;
  /** push.default is `matching`: every branch the remote also has is pushed, not this one alone. */
  matching: boolean;
}

/**
 * Asks git where `git push` would push `branch` (push.default, the branch's upstream, the remote's
 * `push` refspecs, remote.pushDefault): `%(push:remoteref)` when a refspec maps it, else the
 * remote-tracking ref of `%(push)` under the push remote's name. A `simple` push whose upstream has
 * another name has no destination (git refuses it), nor one with no upstream yet (it goes by name).
 */
export async function pushDestination(root: string, branch: string): Promise<PushDestination> {
  const [refs, mode] = await Promise.all([
    runGit(root, [
      'for-each-ref',
      '--format=%(push:remotename)%00%(push:remoteref)%00%(push)',
      '--end-of-options',
      `refs/heads/${branch}`,
    ]),
    runGit(root, ['config', '--get', 'push.default'], { okCodes: [1] }),
  ]);
  const matching = mode.stdout.toString('utf8').trim().toLowerCase() === 'matching';
  const [remote = '', remoteRef = '', tracking = ''] = refs.stdout
    .toString('utf8')
    .replace(/\n$/, '')
    .split('\0');
  if (remoteRef.startsWith('refs/heads/')) return { branch: remoteRef.slice('refs/heads/'.length), matching };
  const prefix = `refs/remotes/${remote}/`;
  if (remote !== '' && tracking.startsWith(prefix))
    return { branch: tracking.slice(prefix.length), matching };
  return { matching };
}
