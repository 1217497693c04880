import type { ChangedFile } from '../../change-set.js';
import { splitZ } from './path-bytes.js';
import { runGit } from './run-git.js';

/** git's arguments for the uncommitted files, as workingTreeChanges reads them. */
export const WORKING_TREE_STATUS_ARGS = [
  'status',
  '--porcelain=v1',
  '-z',
  '--untracked-files=all',
  '--no-renames',
] as const;

/**
 * Uncommitted changes (`git status`): staged, unstaged and untracked files. What the change will
 * hold once everything is committed: the editor checks the branch's commits plus these, and the
 * agent gate counts them as the session's edits so far.
 */
export async function workingTreeChanges(root: string): Promise<ChangedFile[]> {
  const out = await runGit(root, WORKING_TREE_STATUS_ARGS);
  return parseWorkingTreeStatus(out.stdout);
}

/** The files of `git status` output asked with WORKING_TREE_STATUS_ARGS. */
export function parseWorkingTreeStatus(stdout: Buffer): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const entry of splitZ(stdout)) {
    const xy = entry.slice(0, 2);
    const path = entry.slice(3);
    if (!path) continue;
    const status = xy === '??' || xy.includes('A') ? 'added' : xy.includes('D') ? 'deleted' : 'modified';
    files.push({ status, path });
  }
  return files;
}
