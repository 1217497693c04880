import type { ChangedFile, ChangeSet } from './change-set.js';

/**
 * The branch's change plus files changed since its last commit (uncommitted files, unsaved
 * buffers, an agent's proposed writes) not already in it: what CI will see once they are
 * committed. A file the branch added stays "added" however often it is edited afterwards.
 */
export function withWorkingChanges(
  committed: ChangeSet,
  ...later: readonly (readonly ChangedFile[])[]
): ChangeSet {
  if (later.every((l) => l.length === 0)) return committed;
  const files = new Map(committed.files.map((f) => [f.path, f]));
  for (const list of later)
    for (const f of list) {
      const known = files.get(f.path);
      if (!known || (f.status === 'deleted' && known.status !== 'deleted')) files.set(f.path, f);
    }
  return { ...committed, files: [...files.values()] };
}
