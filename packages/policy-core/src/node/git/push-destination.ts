import type { PushSettings } from '../../agent-gate/push-mapping.js';
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
export async function pushDestination(
  root: string,
  branch: string,
  /** push.default as `pushSettingsOf` read it (one `git config` for both). */
  pushDefault: string | undefined,
): Promise<PushDestination> {
  const refs = await runGit(root, [
    'for-each-ref',
    '--format=%(push:remotename)%00%(push:remoteref)%00%(push)',
    '--end-of-options',
    `refs/heads/${branch}`,
  ]);
  const matching = pushDefault?.trim().toLowerCase() === 'matching';
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

/**
 * The settings that map a push refspec naming only a branch (`mappedPushBranch`): push.default,
 * each branch's `merge` and `remote`, and each remote's `push` values, in one `git config` (every scope, as
 * git's push reads them).
 */
export async function pushSettingsOf(root: string): Promise<PushSettings> {
  const r = await runGit(
    root,
    ['config', '-z', '--get-regexp', '^(push\\.default|branch\\..*\\.(merge|remote)|remote\\..*\\.push)$'],
    { okCodes: [1] },
  );
  const merges = new Map<string, string[]>();
  const remotePushes = new Map<string, string[]>();
  const withRemote = new Set<string>();
  let pushDefault: string | undefined;
  const add = (map: Map<string, string[]>, name: string, value: string) =>
    map.set(name, [...(map.get(name) ?? []), value]);
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl === -1) continue;
    const key = entry.slice(0, nl);
    const value = entry.slice(nl + 1);
    const lower = key.toLowerCase();
    // git compares the value as written (`Upstream` is an error, and nothing is pushed).
    if (lower === 'push.default') pushDefault = value;
    // The subsection (a branch or remote name) keeps its case; the section and key do not.
    else if (lower.startsWith('branch.') && lower.endsWith('.merge')) add(merges, key.slice(7, -6), value);
    else if (lower.startsWith('branch.') && lower.endsWith('.remote')) withRemote.add(key.slice(7, -7));
    else if (lower.startsWith('remote.') && lower.endsWith('.push'))
      add(remotePushes, key.slice(7, -5), value);
  }
  return { ...(pushDefault === undefined ? {} : { pushDefault }), merges, withRemote, remotePushes };
}
