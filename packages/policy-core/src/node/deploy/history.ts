import { DeployError, type HistoryResult, historyView, type PolicyDocument } from '../../index.js';
import { readDeployState } from './deploy-state.js';

export interface HistoryOptions {
  root: string;
  policy: PolicyDocument;
  /** Only entries for this environment. */
  environment?: string;
  /** The newest N entries (0 or undefined: all). */
  limit?: number;
}

/**
 * The deploy record and the audit log as a person reads them: what production runs and since
 * when, whether it is pinned (by the record, or by a rollback in the log no UNPIN followed), and
 * the log's entries newest first with SHAs, actors, reasons and outcomes. Problems in either
 * file (torn lines, a broken chain) come back as `issues`, not as errors.
 */
export async function history(opts: HistoryOptions): Promise<HistoryResult> {
  const deploy = opts.policy.policy.deploy;
  if (!deploy)
    throw new DeployError('config', `${opts.policy.file}: the policy has no deploy: section`, {
      hint: 'add one (see `slipway init`)',
    });
  const state = readDeployState(opts.root, deploy);
  return historyView(state, {
    ...(opts.environment !== undefined ? { env: opts.environment } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    policyFile: opts.policy.file,
  });
}
