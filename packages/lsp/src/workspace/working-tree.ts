import { type ChangedFile, type ChangeSet, withWorkingChanges } from '@slipway/policy-core';
import type { OverlayRepo } from './overlay-repo.js';

/** Open buffers whose text differs from the disk: edits CI will see once they are saved and committed. */
export function dirtyBuffers(repo: OverlayRepo): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const path of repo.openPaths()) {
    const disk = repo.diskText(path);
    if (disk !== repo.readFile(path)) out.push({ status: disk === undefined ? 'added' : 'modified', path });
  }
  return out;
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

export { workingTreeChanges } from '@slipway/policy-core/node';
