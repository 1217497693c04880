import type { ChangedFile, ChangeSet } from '@slipway/policy-core';
import { runGit, splitZ } from '@slipway/policy-core/node';

/**
 * Uncommitted changes (`git status`): staged, unstaged and untracked files. In the editor the
 * change under review is what CI will see once everything is committed: the branch's commits
 * plus these, plus unsaved buffers.
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

/** The branch's change plus uncommitted files and unsaved buffers not already in it. */
export function withWorkingChanges(
  committed: ChangeSet,
  working: readonly ChangedFile[],
  dirtyBuffers: readonly ChangedFile[],
): ChangeSet {
  if (working.length === 0 && dirtyBuffers.length === 0) return committed;
  const files = new Map(committed.files.map((f) => [f.path, f]));
  for (const f of [...working, ...dirtyBuffers]) {
    const known = files.get(f.path);
    // A file the branch added stays "added" however often it is edited afterwards.
    if (!known || (f.status === 'deleted' && known.status !== 'deleted')) files.set(f.path, f);
  }
  return { ...committed, files: [...files.values()] };
}
