import type { ChangedFile } from '../../change-set.js';
import { splitZ } from './path-bytes.js';
import { runGit } from './run-git.js';

/**
 * Uncommitted changes (`git status`): staged, unstaged and untracked files. What the change will
 * hold once everything is committed: the editor checks the branch's commits plus these, and the
 * agent gate counts them as the session's edits so far.
 */
export async function workingTreeChanges(root: string): Promise<ChangedFile[]> {
  const out = await runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const entries = splitZ(out.stdout);
  const files: ChangedFile[] = [];
  for (const entry of entries) {
    const xy = entry.slice(0, 2);
    const path = entry.slice(3);
    if (!path) continue;
    const status = xy === '??' || xy.includes('A') ? 'added' : xy.includes('D') ? 'deleted' : 'modified';
    files.push({ status, path });
  }
  return files;
}
