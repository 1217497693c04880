/** What `slipway restack` reads and plans: shared by the planner and the git side without a cycle. */

/** One commit to restack: its message, what it touched, the record and log before and after it. */
export interface CommitFiles {
  sha: string;
  /** The whole message, subject and trailers included (reused verbatim). */
  message: string;
  /** The message after the subject, where git looks for trailers. */
  body: string;
  paths: string[];
  parentRecord?: string;
  record?: string;
  parentLog?: string;
  log?: string;
}

export interface RestackPlan {
  onto: string;
  ontoSha: string;
  originalHead: string;
  commits: PlannedCommit[];
}

export interface PlannedCommit {
  original: CommitFiles;
  /** The record after this commit, or undefined when none exists yet. */
  recordText?: string;
  logText: string;
  entries: number;
}
