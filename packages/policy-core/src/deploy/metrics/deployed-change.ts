/**
 * What git knows of one commit, as the node adapter read it with one `git log` over every
 * deployed SHA: its parents, its author time (when the work was first committed: a rebase or a
 * merge keeps it), and the agent that wrote it by the policy's identity model
 * (`commitAgentSignal`: author, committer or a Co-authored-by trailer), when one did.
 */
export interface CommitFacts {
  parents: readonly string[];
  /** Author time, milliseconds since the epoch. */
  time: number;
  /** The agent's name ("claude", "Renovate Bot") when an agent wrote the commit. */
  agent?: string;
}

export type CommitGraph = ReadonlyMap<string, CommitFacts>;

export type Authorship = 'human' | 'agent' | 'unknown';

/** Who wrote a deployed change: a person, an agent (named), or unknown to this clone. */
export interface ChangeAuthor {
  authorship: Authorship;
  agent?: string;
}

/** The commits a deploy brought to an environment that it had not run before. */
export interface DeployedChange extends ChangeAuthor {
  /** Author time of the change's first commit; undefined for a redeploy or an unknown SHA. */
  firstCommit?: number;
  /** How many commits it brought (0: a redeploy of what the environment already ran). */
  commits: number;
}

/**
 * The commits an environment has run, so that each deploy is charged only with what it brought:
 * a commit's lead time ends at the first deploy that ran it, not at every redeploy after a
 * rollback. One walk per deploy over the commits not yet run, so a whole log costs one pass
 * over the history it deployed.
 */
export class ShippedCommits {
  private readonly shipped = new Set<string>();

  constructor(private readonly graph: CommitGraph) {}

  /** Whether git knows the SHA (false: not in this clone, or not a commit). */
  knows(sha: string): boolean {
    return this.graph.has(sha);
  }

  /**
   * What an environment ran before a deploy (its `from`): run, with all its history, without a
   * change charged for it. So a log that starts long after the repository did charges its first
   * deploy with what it brought, not with every commit since the first one.
   */
  ran(sha: string | null): void {
    // A SHA git lacks names no commit to mark.
    if (sha === null || this.shipped.has(sha) || !this.graph.has(sha)) return;
    if (this.onTop(sha)) this.shipped.add(sha);
    else for (const c of this.unshipped(sha)) this.shipped.add(c);
  }

  /** The change a deploy of `sha` brings; with `ship`, its commits count as run from now on. */
  change(sha: string, ship: boolean): DeployedChange {
    const facts = this.graph.get(sha);
    if (!facts) return { authorship: 'unknown', commits: 0 };
    // The usual deploys, without the arrays of the walk: a redeploy, or one commit on top of
    // what ran (built field by field, not spread: one object a deploy, 50,000 on a long log).
    if (this.shipped.has(sha))
      return facts.agent !== undefined
        ? { authorship: 'agent', agent: facts.agent, commits: 0 }
        : { authorship: 'human', commits: 0 };
    if (this.onTop(sha)) {
      if (ship) this.shipped.add(sha);
      return facts.agent !== undefined
        ? { authorship: 'agent', agent: facts.agent, commits: 1, firstCommit: facts.time }
        : { authorship: 'human', commits: 1, firstCommit: facts.time };
    }
    const fresh = this.unshipped(sha);
    if (ship) for (const c of fresh) this.shipped.add(c);
    // A redeploy brings nothing new: it is still the work of whoever wrote the commit it runs.
    const judged = fresh.length > 0 ? fresh : [sha];
    let firstCommit: number | undefined;
    let agentAt: { time: number; agent: string } | undefined;
    for (const c of judged) {
      const facts = this.graph.get(c) as CommitFacts;
      // Stryker disable next-line EqualityOperator: at a tie both commits have the same time, the value kept
      if (firstCommit === undefined || facts.time < firstCommit) firstCommit = facts.time;
      // The change is an agent's when any of its commits is; named by its earliest agent commit.
      if (facts.agent !== undefined && (agentAt === undefined || facts.time < agentAt.time))
        agentAt = { time: facts.time, agent: facts.agent };
    }
    // Built field by field, not spread: one object a deploy, 50,000 of them on a long log.
    const change: DeployedChange = agentAt
      ? { authorship: 'agent', agent: agentAt.agent, commits: fresh.length }
      : { authorship: 'human', commits: fresh.length };
    // Stryker disable next-line ConditionalExpression: a change that brings commits has a first one
    if (fresh.length > 0 && firstCommit !== undefined) change.firstCommit = firstCommit;
    return change;
  }

  /**
   * Whether `sha` (known to git, not run) is a root or has one parent, which has run: the change
   * it brings is itself alone. The walk below gives the same; this is its fast path.
   */
  private onTop(sha: string): boolean {
    const parents = (this.graph.get(sha) as CommitFacts).parents;
    return parents.length === 0 || (parents.length === 1 && this.shipped.has(parents[0] as string));
  }

  /** Commits reachable from `sha` that have not run (a parent git does not have ends the walk). */
  private unshipped(sha: string): string[] {
    if (this.shipped.has(sha)) return [];
    const facts = this.graph.get(sha);
    // Stryker disable next-line ArrayDeclaration: only ran() reaches it with a SHA git lacks, and what it marks as run then names no commit
    if (!facts) return [];
    const out: string[] = [];
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const c = stack.pop() as string;
      if (seen.has(c) || this.shipped.has(c)) continue;
      seen.add(c);
      const f = this.graph.get(c);
      if (!f) continue;
      out.push(c);
      for (const p of f.parents) stack.push(p);
    }
    return out;
  }
}
