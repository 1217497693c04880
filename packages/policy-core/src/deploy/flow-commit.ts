import { type AgentSignal, commitAgentSignal, describeSignal } from '../agents/change-author.js';
import type { Commit } from '../change-set.js';
import type { PolicyDocument } from '../policy/document.js';
import { isSlipwayCommit, pathsBeyondRecord, type RecordPaths } from './slipway-commit.js';

/**
 * Whether a commit may stand for Slipway's own deploy flow (`slipway promote|rollback|unpin
 * --commit`, the CI jobs `init --ci` writes): the only commits whose record and audit entries
 * are trusted. All three must hold:
 * - it carries the `Slipway-Event:` trailer the flow writes;
 * - its author, committer and credit trailers are no agent or bot of this policy: a trailer is a
 *   claim anyone can type, so it counts only from someone who may make it (a person, the CI
 *   identity), never from an agent vouching for its own deploy state;
 * - it changes the record and the audit log only (when its files are known).
 * What this cannot prove: git identities are what the commit says; an agent that commits under a
 * person's name and e-mail passes. Branch protection and the platform's committer identity are
 * what make the author true (ARCHITECTURE.md, "Deploy state a change cannot assert").
 */
export type FlowCommitVerdict =
  | { ok: true }
  | { ok: false; reason: 'no-trailer' }
  | { ok: false; reason: 'agent'; signal: AgentSignal }
  | { ok: false; reason: 'other-files'; others: string[] };

export function flowCommitVerdict(
  doc: PolicyDocument,
  commit: Commit,
  paths: RecordPaths,
): FlowCommitVerdict {
  if (!isSlipwayCommit(commit)) return { ok: false, reason: 'no-trailer' };
  const signal = commitAgentSignal(doc, commit);
  if (signal) return { ok: false, reason: 'agent', signal };
  const others = pathsBeyondRecord(commit.files ?? [], paths);
  if (others.length > 0) return { ok: false, reason: 'other-files', others };
  return { ok: true };
}

/** Why a commit with the trailer is not the flow's, as the end of a sentence. */
export function agentTrailerWhy(signal: AgentSignal): string {
  return `its Slipway-Event trailer does not count: it was made by an agent of this policy (${describeSignal(signal)}), and a trailer counts only on a commit a person or Slipway's CI identity made`;
}
