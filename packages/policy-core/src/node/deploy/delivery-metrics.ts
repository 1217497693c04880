import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DeployError, deliveryMetrics, type MetricsResult, type PolicyDocument } from '../../index.js';
import { commitGraph } from './commit-graph.js';
import { readMetricsLog, shasNamedInTail } from './metrics-audit-log.js';

export interface MetricsOptions {
  root: string;
  policy: PolicyDocument;
  environment?: string;
  /** Count only what happened from this instant (ms) on. */
  since?: number;
}

/**
 * The delivery figures of the repository's audit log: the log as every deploy flow reads it
 * (verified; its problems come back as `issues`, the lines they spoil still counted when they
 * parse), and one `git log` over every SHA it deployed for the commit graph the core needs: the
 * author times and who wrote each commit, judged by the policy's agents (`commitAgentJudge`).
 */
export async function metrics(opts: MetricsOptions): Promise<MetricsResult> {
  const deploy = opts.policy.policy.deploy;
  if (!deploy)
    throw new DeployError('config', `${opts.policy.file}: the policy has no deploy: section`, {
      hint: 'add one (see `slipway init`)',
    });
  // git log over the deployed commits takes about as long as verifying a long log's chain: it is
  // started on the SHAs the log's tail names (the latest deploys, before the chain is verified),
  // written to a file while the chain is, and the deployed SHAs it did not reach (an abandoned
  // branch's, a line escaping its hex) cost a second git log after, which stops where the first
  // one's history begins. The graph may hold more commits than the deployed SHAs reach (a tail
  // SHA no verified deploy moved to): the figures only look up deployed SHAs and their ancestors.
  const early = [...shasNamedInTail(opts.root, deploy)];
  const earlyGraph = commitGraph(opts.root, opts.policy, early);
  earlyGraph.catch(() => {});
  const log = readMetricsLog(opts.root, deploy);
  if (
    opts.environment !== undefined &&
    !(opts.environment in deploy.environments) &&
    !log.entries.environments.includes(opts.environment)
  ) {
    const known = Object.keys(deploy.environments).map((k) => `"${k}"`);
    throw new DeployError(
      'config',
      `${opts.policy.file}: unknown environment "${opts.environment}" for --env; the policy defines ${known.join(', ') || 'none'}, and the audit log names no other.`,
    );
  }
  const graph = await earlyGraph;
  const late = [...log.deployed].filter((sha) => !graph.has(sha));
  // What the first log listed, with all its history, is excluded (`^sha`): only commits new to
  // the graph come back.
  const listed = early.filter((sha) => graph.has(sha)).map((sha) => `^${sha}`);
  for (const [sha, facts] of await commitGraph(opts.root, opts.policy, late, listed)) graph.set(sha, facts);
  const query = {
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
  };
  return {
    ...deliveryMetrics(log.entries, graph, query),
    auditLogPath: deploy.audit_log,
    issues: [
      // No log is no deploy, or a path the policy got wrong: figures of nothing must say which.
      ...(existsSync(join(opts.root, deploy.audit_log))
        ? []
        : [
            {
              file: deploy.audit_log,
              message:
                'does not exist: no promote has logged anything here yet, or deploy.audit_log names another file; the figures are empty',
            },
          ]),
      ...log.recordProblems.map((p) => ({ file: deploy.record, ...p })),
      ...log.issues.map((i) => ({
        file: deploy.audit_log,
        ...('line' in i ? { line: i.line + 1 } : {}),
        message: i.message,
      })),
    ],
  };
}
