import type { ChangeAuthor } from './deployed-change.js';

/**
 * The four delivery figures for one slice (an environment's week, or its whole span; everyone,
 * people, agents, one agent, or changes git cannot attribute). Durations are whole seconds.
 */
export interface Figures {
  /** Succeeded promotes into the environment (PROMOTE into production, STAGING_VERIFIED elsewhere). */
  deploys: number;
  /** Promotes into the environment that failed (a deploy command or health check failing). */
  failedDeploys: number;
  /** First commit of each deployed change → its deploy: the median over `count` changes. */
  leadTime: { medianSeconds: number | null; count: number; unknown: number };
  /**
   * Deploys that failed the environment: each failed promote, or rollback of a change, that began
   * an incident, charged to that change (a rollback after a failed promote is the same failure).
   */
  failures: number;
  /** failures / (deploys + failedDeploys); null without either. */
  changeFailureRate: number | null;
  /**
   * Each incident's failed deployment (a failed promote, or the deploy a rollback undid) → the
   * environment restored (a succeeded rollback or promote): the median over `count`.
   */
  timeToRestore: { medianSeconds: number | null; count: number };
}

/** A slice split by who wrote the changes: the identity model's agent or human, agents by name. */
export interface SplitFigures {
  all: Figures;
  human: Figures;
  agent: Figures;
  /** Changes whose commits this clone does not have: counted, never dropped. */
  unknown: Figures;
  /** Each agent by name (a subset of `agent`). */
  agents: Record<string, Figures>;
}

/** What one sample counts: a deploy, a failed deploy, a failure, or a time to restore. */
export type Sample = 'deploy' | 'failed-deploy' | 'failure' | 'restore';

/** The raw samples behind a Figures, until the medians are taken. */
class Tally {
  static add(t: Tally, author: ChangeAuthor, kind: Sample, value: number | undefined): void {
    if (kind === 'failure') t.failures++;
    else if (kind === 'failed-deploy') t.failedDeploys++;
    else if (kind === 'restore') t.restores.push(value as number);
    else {
      t.deploys++;
      if (value !== undefined) t.leads.push(value);
      else if (author.authorship === 'unknown') t.leadUnknown++;
    }
  }

  deploys = 0;
  failedDeploys = 0;
  failures = 0;
  leadUnknown = 0;
  readonly leads: number[] = [];
  readonly restores: number[] = [];

  figures(): Figures {
    return {
      deploys: this.deploys,
      failedDeploys: this.failedDeploys,
      leadTime: { medianSeconds: median(this.leads), count: this.leads.length, unknown: this.leadUnknown },
      failures: this.failures,
      changeFailureRate: rate(this.failures, this.deploys + this.failedDeploys),
      timeToRestore: { medianSeconds: median(this.restores), count: this.restores.length },
    };
  }
}

/** One slice's tallies: every sample goes to `all`, to its authorship, and to its agent. */
export class SplitTally {
  private readonly all = new Tally();
  private readonly by = { human: new Tally(), agent: new Tally(), unknown: new Tally() };
  private readonly agents = new Map<string, Tally>();

  /**
   * One sample of a kind: a deploy (`value`: its lead time in seconds, undefined when it has
   * none), a failure, or a time to restore (`value`: seconds), in each tally the author falls in
   * (all, the authorship, the agent). One method, no callback: a long log counts 100,000 samples.
   */
  add(author: ChangeAuthor, kind: Sample, value?: number): void {
    Tally.add(this.all, author, kind, value);
    Tally.add(this.by[author.authorship], author, kind, value);
    if (author.agent === undefined) return;
    let t = this.agents.get(author.agent);
    if (!t) {
      t = new Tally();
      this.agents.set(author.agent, t);
    }
    Tally.add(t, author, kind, value);
  }

  figures(): SplitFigures {
    const agents: Record<string, Figures> = {};
    for (const name of [...this.agents.keys()].sort())
      agents[name] = (this.agents.get(name) as Tally).figures();
    return {
      all: this.all.figures(),
      human: this.by.human.figures(),
      agent: this.by.agent.figures(),
      unknown: this.by.unknown.figures(),
      agents,
    };
  }
}

export type { Tally };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per comparison (a total's
  // 25,000 lead times took a fifth of the figures' time through Array's sort). The values are
  // whole seconds, never NaN.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const m =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m);
}

/** failures over attempts, to four places; null with no attempt. */
function rate(failures: number, attempts: number): number | null {
  return attempts === 0 ? null : Math.round((failures / attempts) * 10_000) / 10_000;
}
