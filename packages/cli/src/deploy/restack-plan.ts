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

/**
 * `slipway restack ONTO`: puts Slipway's own record/log commits (HEAD's commits that ONTO does
 * not have) back on top of ONTO, the way `git rebase` would, except where rebase cannot: when
 * ONTO also appended to the audit log. Two appends to one JSON Lines file always conflict in
 * git, and resolving that by hand breaks the hash chain (AUD002) and is a hand edit (REC006).
 *
 * This is what a CI job does when its push of the record commit is rejected because another job
 * (staging verifying an agent branch, a production promote, the watch) pushed first: each new
 * audit entry is appended again after ONTO's entries, with `prev` chained to ONTO's last one,
 * and the record's `audit_head` follows. The entries keep their own times, so the log says when
 * each thing happened and in which order the record learnt of it.
 *
 * The record is only carried over when that is still true: a commit that changed what
 * production runs (a promote, a rollback, an unpin) is restacked only if ONTO's record still
 * says what that command read. Otherwise two production changes crossed, which the shared
 * concurrency group should have prevented, and a person must look.
 */
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
