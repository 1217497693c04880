// SplitTally as it was before the columns (metric-figures.ts at 3bf498c0): the oracle's tallies.
import type { ChangeAuthor } from '../../../src/deploy/metrics/deployed-change.js';
import type { Figures, SplitFigures } from '../../../src/deploy/metrics/metric-figures.js';

/** The raw samples behind a Figures, until the medians are taken. */
export class Tally {
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
      changeFailureRate:
        this.deploys + this.failedDeploys === 0
          ? null
          : round4(this.failures / (this.deploys + this.failedDeploys)),
      timeToRestore: { medianSeconds: median(this.restores), count: this.restores.length },
    };
  }
}

/** One slice's tallies: every sample goes to `all`, to its authorship, and to its agent. */
export class SplitTally {
  private readonly all = new Tally();
  private readonly by = { human: new Tally(), agent: new Tally(), unknown: new Tally() };
  private readonly agents = new Map<string, Tally>();

  /** Applies `add` to each tally the author falls in. */
  add(author: ChangeAuthor, add: (t: Tally) => void): void {
    add(this.all);
    add(this.by[author.authorship]);
    if (author.agent === undefined) return;
    let t = this.agents.get(author.agent);
    if (!t) {
      t = new Tally();
      this.agents.set(author.agent, t);
    }
    add(t);
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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
