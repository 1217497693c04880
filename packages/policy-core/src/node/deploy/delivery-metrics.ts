import {
  type AgentSignal,
  type Commit,
  type CommitFacts,
  commitAgentJudge,
  DeployError,
  deliveryMetrics,
  type MetricsResult,
  type PolicyDocument,
} from '../../index.js';
import { splitZ } from '../git/path-bytes.js';
import { GitError, runGit } from '../git/run-git.js';
import { readMetricsLog, shasNamedInTail } from './metrics-audit-log.js';

export interface MetricsOptions {
  root: string;
  policy: PolicyDocument;
  environment?: string;
  /** Count only what happened from this instant (ms) on. */
  since?: number;
}

/** Fields of one commit in the log below: SHA, parents, author time, author, committer, body. */
const FORMAT = '--format=%H%x00%P%x00%at%x00%an%x00%ae%x00%cn%x00%ce%x00%b%x00';
const FIELDS = 8;

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
      ...log.recordProblems.map((p) => ({ file: deploy.record, ...p })),
      ...log.issues.map((i) => ({
        file: deploy.audit_log,
        ...('line' in i ? { line: i.line + 1 } : {}),
        message: i.message,
      })),
    ],
  };
}

/**
 * Every commit reachable from `shas` and from none of `excluded` (`^sha`, commits git listed
 * before), in one `git log` (SHAs on stdin, so a long history of deploys fits; one this clone
 * lacks is skipped, and the core reports it).
 */
async function commitGraph(
  root: string,
  policy: PolicyDocument,
  shas: string[],
  excluded: string[] = [],
): Promise<Map<string, CommitFacts>> {
  const graph = new Map<string, CommitFacts>();
  if (shas.length === 0) return graph;
  let stdout: Buffer;
  try {
    const r = await runGit(
      root,
      ['log', '-z', FORMAT, '--no-color', '--no-show-signature', '--ignore-missing', '--stdin'],
      // Through files, not pipes: git runs to its end while this process verifies the chain.
      { input: `${[...shas, ...excluded].join('\n')}\n`, unpiped: true },
    );
    stdout = r.stdout;
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new DeployError('git', `git could not list the deployed commits: ${err.message}`, {
      hint: 'run slipway metrics inside the repository whose audit log it reads',
    });
  }
  const tokens = splitZ(stdout);
  const judge = commitAgentJudge(policy);
  // Read by index, one Commit and one CommitFacts a commit: 25,000 commits were a tenth of the run.
  for (let i = 0; i + FIELDS <= tokens.length; ) {
    const sha = tokens[i] as string;
    const parents = tokens[i + 1] as string;
    const body = tokens[i + 7] as string;
    const commit: Commit = {
      sha,
      parents: parents ? parents.split(' ') : [],
      author: { name: tokens[i + 3] as string, email: tokens[i + 4] as string },
      committer: { name: tokens[i + 5] as string, email: tokens[i + 6] as string },
      subject: '',
      body: body.endsWith('\n') ? body.replace(/\n+$/, '') : body,
      firstParent: false,
    };
    const facts: CommitFacts = { parents: commit.parents, time: Number(tokens[i + 2]) * 1000 };
    i += FIELDS;
    if (tokens[i] === '') i += 1;
    const signal = judge(commit);
    if (signal) facts.agent = agentName(signal);
    graph.set(sha, facts);
  }
  return graph;
}

/** The agent by the name people know it: its preset ("claude"), else the identity that matched. */
function agentName(signal: AgentSignal): string {
  if ('preset' in signal.origin) return signal.origin.preset;
  // "Co-authored-by: Bot <bot@x>" or "Bot <bot@x>": the name alone.
  return signal.seen.replace(/^[A-Za-z-]+:\s*/, '').replace(/\s*<[^>]*>\s*$/, '') || signal.seen;
}
