import type { Actor, DeployRecord, HistoryEntry } from '../record-schema.js';

/** The record's current state as a history entry, so the next record can keep it. */
function asHistoryEntry(r: DeployRecord): HistoryEntry {
  return {
    event: r.event ?? 'PROMOTE',
    sha: r.last_good_sha,
    deployed_at: r.deployed_at,
    ...(r.actor ? { actor: r.actor } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.rolled_back_from ? { rolled_back_from: r.rolled_back_from } : {}),
  };
}

export interface NextRecordInput {
  old?: DeployRecord;
  sha: string;
  at: string;
  environment: string;
  event: 'PROMOTE' | 'SYSTEM_CORRECTION_EVENT';
  actor: Actor;
  reason?: string;
  pinned?: { reason: string };
  auditHead: string;
  historyLimit: number;
}

/** The record after a successful promote or rollback: the old state moves into bounded history. */
export function nextRecord(i: NextRecordInput): DeployRecord {
  const history = i.old ? [asHistoryEntry(i.old), ...(i.old.history ?? [])].slice(0, i.historyLimit) : [];
  return {
    ...(i.old?.$schema ? { $schema: i.old.$schema } : {}),
    last_good_sha: i.sha,
    deployed_at: i.at,
    environment: i.environment,
    event: i.event,
    ...(i.old ? { previous_sha: i.old.last_good_sha } : {}),
    // A rollback that redeploys what already runs (`--to <last_good_sha>`) backs out of nothing.
    ...(i.event === 'SYSTEM_CORRECTION_EVENT' && i.old && i.old.last_good_sha !== i.sha
      ? { rolled_back_from: i.old.last_good_sha }
      : {}),
    actor: i.actor,
    ...(i.reason ? { reason: i.reason } : {}),
    ...(i.pinned ? { pinned: true, pinned_reason: i.pinned.reason } : {}),
    audit_head: i.auditHead,
    ...(history.length > 0 ? { history } : {}),
  };
}

/** Every SHA the record knows production ran, newest first, without repeats. */
export function recordedShas(r: DeployRecord): string[] {
  const out = [r.last_good_sha, ...(r.history ?? []).map((h) => h.sha)];
  if (r.previous_sha) out.push(r.previous_sha);
  return [...new Set(out)];
}

/** The rollback that backed out of a SHA: when, by whom, why. */
export interface BackedOut {
  at: string;
  actor?: Actor;
  reason?: string;
}

/**
 * Whether production's recorded story says `sha` is bad: a rollback replaced it, and no promote
 * shipped it again since. Newest first, the first entry that decides wins: a rollback away from
 * it (that rollback is returned), or a promote of it (it went through staging, the guard and
 * approval again after the rollback: a good deploy like any other). A rollback *to* it decides
 * nothing, nor does one that redeployed it onto itself.
 */
export function backedOutOf(r: DeployRecord, sha: string): BackedOut | undefined {
  for (const e of [asHistoryEntry(r), ...(r.history ?? [])]) {
    if (e.rolled_back_from === sha && e.sha !== sha) {
      return {
        at: e.deployed_at,
        ...(e.actor ? { actor: e.actor } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
      };
    }
    if (e.event === 'PROMOTE' && e.sha === sha) return undefined;
  }
  return undefined;
}

/**
 * Where "rollback to last good" goes: the newest recorded deploy other than what production
 * runs now that no rollback has backed out of (see backedOutOf). (Redeploying last_good_sha
 * itself is `--to <last_good_sha>`.)
 */
export function defaultRollbackTarget(r: DeployRecord): string | undefined {
  return recordedShas(r).find((s) => s !== r.last_good_sha && !backedOutOf(r, s));
}
