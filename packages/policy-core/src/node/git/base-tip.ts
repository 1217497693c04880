import type { BaseTip, ChangedFile } from '../../change-set.js';
import { readBlobsAt } from './base-reader.js';
import { parseRawDiff, RAW_DIFF_ARGS } from './name-status.js';
import { splitZ } from './path-bytes.js';
import { runGitSync } from './run-git.js';

/**
 * The base branch's tip, for a change whose merge-base is behind it (the base branch moved on).
 * Lazy and sync like readBase: a check that never asks costs no process; one that does costs
 * two in all — one diff for what the base branch changed since the merge-base, and one
 * cat-file for the files the caller reads, all at once.
 */
export function makeBaseTip(cwd: string, mergeBase: string, tip: string): BaseTip {
  let changes: ChangedFile[] | undefined;
  const list = (): ChangedFile[] => {
    changes ??= parseRawDiff(splitZ(runGitSync(cwd, [...RAW_DIFF_ARGS, mergeBase, tip, '--']).stdout));
    return changes;
  };
  return {
    sha: tip,
    changes: list,
    // Only what the caller asks for (its migration files), not everything the base branch changed.
    readFiles: (paths) => (paths.length === 0 ? new Map() : readBlobsAt(cwd, tip, paths)),
  };
}
