import {
  type AgentSignal,
  type AuditEntry,
  type Commit,
  type CommitFacts,
  commitAgentSignal,
  DeployError,
  deliveryMetrics,
  type MetricsResult,
  type PolicyDocument,
} from '../../index.js';
import { isLowerHex } from '../../deploy/audit-event-fast-check.js';
import { splitZ } from '../git/path-bytes.js';
import { GitError, runGit } from '../git/run-git.js';
import { readDeployState } from './deploy-state.js';

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
 * author times and who wrote each commit, judged by the policy's agents (`commitAgentSignal`).
 */
export async function metrics(opts: MetricsOptions): Promise<MetricsResult> {
  const deploy = opts.policy.policy.deploy;
  if (!deploy)
    throw new DeployError('config', `${opts.policy.file}: the policy has no deploy: section`, {
      hint: 'add one (see `slipway init`)',
    });
  // git log over the deployed commits takes about as long as verifying a long log's chain: it is
  // started on the SHAs the log's text names (every "to" and "from", before the chain is
  // verified), written to a file while the chain is, and only SHAs it did not name (a line
  // escaping its hex, say) cost a second git log after.
  let early: { shas: Set<string>; graph: Promise<Map<string, CommitFacts>> } | undefined;
  const state = readDeployState(opts.root, deploy, undefined, (text) => {
    const shas = shasNamedIn(text);
    const graph = commitGraph(opts.root, opts.policy, [...shas]);
    graph.catch(() => {});
    early = { shas, graph };
  });
  const entries = state.log.entries;
  if (
    opts.environment !== undefined &&
    !(opts.environment in deploy.environments) &&
    !entries.some((e) => e.event.environment === opts.environment)
  ) {
    const known = Object.keys(deploy.environments).map((k) => `"${k}"`);
    throw new DeployError(
      'config',
      `${opts.policy.file}: unknown environment "${opts.environment}" for --env; the policy defines ${known.join(', ') || 'none'}, and the audit log names no other.`,
    );
  }
  const wanted = deployedShas(entries);
  const graph = early ? await early.graph : new Map<string, CommitFacts>();
  const late = wanted.filter((sha) => !early?.shas.has(sha));
  for (const [sha, facts] of await commitGraph(opts.root, opts.policy, late)) graph.set(sha, facts);
  const query = {
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
  };
  return {
    ...deliveryMetrics(entries, graph, query),
    auditLogPath: deploy.audit_log,
    issues: state.log.issues.map((i) => ({ line: 'line' in i ? i.line + 1 : 1, message: i.message })),
  };
}

/**
 * Every SHA a line's `"to"` names as Slipway writes it (40 lowercase hex digits), before the lines
 * are read: found by position, a fraction of what a pattern over the whole log costs. A `from`
 * is nearly always an earlier line's `to`; the few that are not cost the second git log.
 */
function shasNamedIn(text: string): Set<string> {
  const shas = new Set<string>();
  const key = '"to":"';
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
    const start = at + key.length;
    const sha = text.slice(start, start + 40);
    if (text.charCodeAt(start + 40) === 34 /* " */ && isLowerHex(sha, 40)) shas.add(sha);
  }
  return shas;
}

function deployedShas(entries: readonly AuditEntry[]): string[] {
  const shas = new Set<string>();
  for (const { event: e } of entries) {
    // What a promote (PROMOTE into production, STAGING_VERIFIED elsewhere) or a rollback moved.
    if (e.event !== 'PROMOTE' && e.event !== 'STAGING_VERIFIED' && e.event !== 'SYSTEM_CORRECTION_EVENT')
      continue;
    if (e.to) shas.add(e.to);
    if (e.from) shas.add(e.from);
  }
  return [...shas];
}

/**
 * Every commit reachable from the deployed SHAs, in one `git log` (SHAs on stdin, so a long
 * history of deploys fits; one this clone lacks is skipped, and the core reports it).
 */
async function commitGraph(
  root: string,
  policy: PolicyDocument,
  shas: string[],
): Promise<Map<string, CommitFacts>> {
  const graph = new Map<string, CommitFacts>();
  if (shas.length === 0) return graph;
  let stdout: Buffer;
  try {
    const r = await runGit(
      root,
      ['log', '-z', FORMAT, '--no-color', '--no-show-signature', '--ignore-missing', '--stdin'],
      // Through files, not pipes: git runs to its end while this process verifies the chain.
      { input: `${shas.join('\n')}\n`, unpiped: true },
    );
    stdout = r.stdout;
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    throw new DeployError('git', `git could not list the deployed commits: ${err.message}`, {
      hint: 'run slipway metrics inside the repository whose audit log it reads',
    });
  }
  const tokens = splitZ(stdout);
  for (let i = 0; i + FIELDS <= tokens.length; ) {
    const [sha, parents, time, an, ae, cn, ce, body] = tokens.slice(i, i + FIELDS) as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    i += FIELDS;
    if (tokens[i] === '') i += 1;
    const commit: Commit = {
      sha,
      parents: parents ? parents.split(' ') : [],
      author: { name: an, email: ae },
      committer: { name: cn, email: ce },
      subject: '',
      body: body.replace(/\n+$/, ''),
      firstParent: false,
    };
    const signal = commitAgentSignal(policy, commit);
    graph.set(sha, {
      parents: commit.parents,
      time: Number(time) * 1000,
      ...(signal ? { agent: agentName(signal) } : {}),
    });
  }
  return graph;
}

/** The agent by the name people know it: its preset ("claude"), else the identity that matched. */
function agentName(signal: AgentSignal): string {
  if ('preset' in signal.origin) return signal.origin.preset;
  // "Co-authored-by: Bot <bot@x>" or "Bot <bot@x>": the name alone.
  return signal.seen.replace(/^[A-Za-z-]+:\s*/, '').replace(/\s*<[^>]*>\s*$/, '') || signal.seen;
}
