import { runGitSync } from '../git/run-git.js';

/**
 * Whether `commitish` names one of the commits HEAD already holds (HEAD itself or an ancestor):
 * moving the branch back onto it brings in nothing the branch did not have. False when git cannot
 * resolve it here, or it names a commit made elsewhere.
 */
export function isOwnCommit(root: string, commitish: string): boolean {
  try {
    const sha = runGitSync(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${commitish}^{commit}`,
    ])
      .stdout.toString('utf8')
      .trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return false;
    runGitSync(root, ['merge-base', '--is-ancestor', sha, 'HEAD']);
    return true;
  } catch {
    return false;
  }
}
