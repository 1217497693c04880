import type { Commit } from '../change-set.js';
import { hasSlipwayEventTrailer } from './commit-trailers.js';

/**
 * Slipway's own record commits (`slipway promote|rollback|unpin --commit`): the trailer they carry
 * and the two files they may change. REC006, `restack` and promote's default SHA all decide
 * "Slipway's commit" by these.
 */

/**
 * True when the commit carries the trailer `slipway promote|rollback|unpin --commit` writes. A
 * Slipway commit also changes nothing but the record and the audit log (see pathsBeyondRecord).
 */
export function isSlipwayCommit(commit: Pick<Commit, 'body'>): boolean {
  return hasSlipwayEventTrailer(commit.body);
}

/** The two files Slipway's record commits may change. */
export interface RecordPaths {
  record: string;
  audit_log: string;
}

/** What a commit changed beyond the record and the audit log: nothing, for Slipway's record commits. */
export function pathsBeyondRecord(paths: readonly string[], deploy: RecordPaths): string[] {
  return paths.filter((p) => p !== deploy.record && p !== deploy.audit_log);
}
