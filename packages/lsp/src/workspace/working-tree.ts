import type { ChangedFile, ChangeSet } from '@slipway/policy-core';
import { runGit, splitZ } from '@slipway/policy-core/node';
import type { OverlayRepo } from './overlay-repo.js';

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

/** Open buffers whose text differs from the disk: edits CI will see once they are saved and committed. */
export function dirtyBuffers(repo: OverlayRepo): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const path of repo.openPaths()) {
    const disk = repo.diskText(path);
    if (disk !== repo.readFile(path)) out.push({ status: disk === undefined ? 'added' : 'modified', path });
  }
  return out;
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

/**
 * withWorkingChanges, kept: the same object while the branch's change, the working tree and the
 * dirty buffers are the same, since a check reuses a rule family's findings only while the change
 * it read is the very same object (FamilyRuns compares by identity).
 */
export class ChangeWithWorking {
  private last:
    | { committed: ChangeSet; working: readonly ChangedFile[]; dirty: string; change: ChangeSet }
    | undefined;

  of(committed: ChangeSet, working: readonly ChangedFile[], dirtyBuffers: readonly ChangedFile[]): ChangeSet {
    const dirty = dirtyBuffers.map((f) => `${f.status}\0${f.path}`).join('\n');
    const last = this.last;
    if (last?.committed === committed && last.working === working && last.dirty === dirty) return last.change;
    const change = withWorkingChanges(committed, working, dirtyBuffers);
    this.last = { committed, working, dirty, change };
    return change;
  }
}
