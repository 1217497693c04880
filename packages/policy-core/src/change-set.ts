/** A change under review: what git says changed between base and head, and who did it. */
import type { GitAsks } from './git-asks.js';
import type { GitFacts } from './repo.js';

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';

export interface ChangedFile {
  status: ChangeStatus;
  /** Repo-relative POSIX path after the change (the deleted path for deletions). */
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
  /**
   * True when either side is a submodule (a gitlink): a directory in the work tree, so a
   * directory pattern (`vendor/lib/`) covers it although the diff names it without a `/`.
   */
  submodule?: boolean;
}

export interface Person {
  name: string;
  email: string;
}

export interface Commit {
  sha: string;
  parents: string[];
  author: Person;
  committer: Person;
  subject: string;
  /** Full message body after the subject (trailers included). */
  body: string;
  /** True when the commit lies on head's first-parent chain within the range. */
  firstParent: boolean;
  /**
   * Paths this commit touched (both sides of a rename), when the adapter collected them. For a
   * merge: only the paths whose merged result differs from every parent, i.e. what the merge
   * itself made (a conflict resolution, an evil merge); what it brought in from one side is on
   * that side's commits.
   */
  files?: string[];
  /** The same entries as `files`, with what happened to each (added, deleted, renamed …). */
  changes?: ChangedFile[];
}

export interface ChangeSet {
  base: string;
  head: string;
  files: ChangedFile[];
  /** The branch under review, when known (`--branch`, `$GITHUB_HEAD_REF`, or git). */
  branch?: string;
  /** Labels on the change; `undefined` means unknown (editor, push) — label rules then warn. */
  labels?: string[];
  /**
   * Labels the pull request shows that were refused as approval (`labels.verify`): applied by its
   * author or an agent account, or not verifiable. Not in `labels`; rules say why a label is missing.
   */
  refusedLabels?: { label: string; reason: string }[];
  /** The pull request under review, when the event names one (its number and author's login). */
  pullRequest?: { number: number; author?: string };
  /** Commits in base..head, newest first. */
  commits: Commit[];
  /**
   * Why `commits` may not be all of the change's (a shallow clone cut the walk short), with the
   * fix: who made the hidden commits cannot be known, so the change is judged an agent's.
   */
  historyCut?: string;
  /**
   * The policy files (POLICY_FILES) as they are at base, when the adapter read them alongside
   * the diff: what governingPolicy decides with. Absent: read on demand.
   */
  policyFilesAtBase?: ReadonlyMap<string, string | undefined>;
  /**
   * True when nothing named the base (no `--base`, no pull request's base, no push's `before`) and
   * the production branch the caller passed (the head's policy's) chose it: the governing policy
   * then has the last word on which branch that is (afterUnnamedBase).
   */
  baseFromProductionBranch?: boolean;
  /** Reads a file as it was at base; undefined when it did not exist there. */
  readBase?(path: string): string | undefined;
  /**
   * Files `readBase` may soon be asked for: read with the next file that must be fetched, in
   * the same git process, never on their own (a check that asks for none of them pays nothing).
   */
  expectBase?(paths: readonly string[]): void;
  /** True when `readBase(path)` answers without asking git (read already, or prefetched). */
  baseKnown?(path: string): boolean;
  /**
   * Answers ahead, asynchronously and in one batch, what the rules will ask (GitAsks): the base
   * files here, and the commit questions in `facts` when it is the same host's. Resolves to false
   * when every question was already answered. Never rejects: what it could not fetch the rules
   * ask again as they run. Absent where each question is not a process of its own.
   */
  prefetch?(asks: GitAsks, facts?: GitFacts): Promise<boolean>;
  /**
   * Lines the change adds and removes (renames followed, binary files counting none), read when a
   * rule first asks (the cap on an agent change's lines); absent where no diff can be read.
   */
  lineStats?(): { added: number; removed: number };
  /**
   * The base branch as it is now, when it has moved on since `base` (the merge-base). Set by
   * the git adapter; MIG105 compares new revisions with the heads the base branch has now.
   */
  baseTip?: BaseTip;
  /**
   * Set only by the agent gate (`slipway hook <agent>`, `may_edit`): the change is the session's
   * edits so far plus the tool call being judged, made by this coding agent whatever the branch
   * is called. agentSignal answers `tool-call` for it before any other signal.
   */
  agentSession?: { agent: string; tool: string };
}

/** The tip of the base branch, read relative to the merge-base. */
export interface BaseTip {
  sha: string;
  /** Files the base branch changed between the merge-base and its tip. */
  changes(): ChangedFile[];
  /** Files changed on the base branch, as they are at the tip, read in one go (missing: undefined). */
  readFiles(paths: readonly string[]): ReadonlyMap<string, string | undefined>;
}

/** Every path the change touches: a rename touches both its old and new path. */
export function touchedPaths(change: ChangeSet): string[] {
  const out: string[] = [];
  for (const f of change.files) {
    out.push(f.path);
    if (f.oldPath !== undefined && f.oldPath !== f.path) out.push(f.oldPath);
  }
  return out;
}

/**
 * Why a label the pull request shows does not count, for a message that says the label is
 * missing (label provenance, `labels.verify`); empty when it was not refused.
 */
export function refusedLabelNote(change: ChangeSet, label: string): string {
  const why = change.refusedLabels?.find((r) => r.label.toLowerCase() === label.toLowerCase());
  return why ? ` (the label is on the pull request but does not count: ${why.reason})` : '';
}

/** Where a file of today was at base: a rename in the change moved it from its old path. */
export function pathAtBase(change: ChangeSet, path: string): string {
  return change.files.find((f) => f.status === 'renamed' && f.path === path)?.oldPath ?? path;
}
