import { type Actor, DeployError, detectActor, type PolicyDocument } from '../../index.js';
import { findRoot } from '../fs-repo.js';
import { GitError } from '../git/run-git.js';
import { gitIdentity } from './git-ops.js';
import { policyAt } from './valid-policy.js';

export interface DeployContextOptions {
  /** A directory inside the repository. */
  dir: string;
  env: Record<string, string | undefined>;
  /** A dry run records nothing, so an unnamed person may run it. */
  dryRun?: boolean;
  /** The person who approves (checked: it must not name an agent). */
  approvedBy?: string;
}

/**
 * What every flow needs to start: the repository root, its valid policy, and who acts (an agent
 * when the git identity matches agents.identities, CI in CI, else the person git names).
 */
export async function openDeployContext(
  opts: DeployContextOptions,
): Promise<{ root: string; policy: PolicyDocument; actor: Actor }> {
  let root: string;
  try {
    ({ root } = await findRoot(opts.dir));
  } catch (err) {
    if (err instanceof GitError) throw new DeployError('git', err.message);
    throw err;
  }
  const identity = gitIdentity(root, opts.env);
  const policy = policyAt(root);
  const actor = detectActor(policy, await identity, opts.env, {
    dryRun: opts.dryRun === true,
    ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
    takesApproval: true,
  });
  return { root, policy, actor };
}
