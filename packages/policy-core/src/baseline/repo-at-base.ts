import type { ChangeSet } from '../change-set.js';
import type { RepoView } from '../repo.js';

/**
 * The repository as the change's base holds it, for the files the change touches: each touched
 * path reads as it was at base (a file the change added or renamed to is absent, one it deleted
 * or renamed from is back), every other path as the tree holds it, which is the base's text too,
 * since the change did not touch it. What the rules find here is what they found before the
 * change (standing-on-base.ts). Only the touched files are read at base: the cost is the change's.
 */
export function repoAtBase(repo: RepoView, change: ChangeSet): RepoView {
  const readBase = change.readBase?.bind(change);
  if (!readBase) throw new Error('the files cannot be read as they are on the base here');
  /** Touched paths: true where the path exists at base (read there), false where it does not. */
  const atBase = new Map<string, boolean>();
  for (const f of change.files) {
    if (f.status === 'added' || f.status === 'copied') atBase.set(f.path, false);
    else if (f.status === 'renamed') {
      atBase.set(f.path, false);
      if (f.oldPath !== undefined) atBase.set(f.oldPath, true);
    } else atBase.set(f.path, true);
  }
  const texts = new Map<string, string | undefined>();
  const readAtBase = (path: string): string | undefined => {
    if (!texts.has(path)) texts.set(path, readBase(path));
    return texts.get(path);
  };
  let listed: readonly string[] | undefined;
  const view: RepoView = {
    listFiles() {
      if (listed) return listed;
      const files = new Set(repo.listFiles());
      for (const [path, there] of atBase) {
        if (there && readAtBase(path) !== undefined) files.add(path);
        else files.delete(path);
      }
      listed = [...files].sort();
      return listed;
    },
    readFile(path) {
      const there = atBase.get(path);
      if (there === undefined) return repo.readFile(path);
      return there ? readAtBase(path) : undefined;
    },
    ...(repo.git ? { git: repo.git } : {}),
  };
  if (repo.whyUnread) view.whyUnread = (path) => (atBase.has(path) ? undefined : repo.whyUnread?.(path));
  if (repo.isDirectory) view.isDirectory = (path) => repo.isDirectory?.(path) ?? false;
  if (repo.linkTarget) view.linkTarget = (path) => (atBase.has(path) ? undefined : repo.linkTarget?.(path));
  return view;
}

/**
 * The same change with nothing in it: its base, branch and labels, no files, no commits, no
 * lines. Rules about the change as a whole (a blast-radius cap, a label on a dependency change,
 * a protected path touched) find nothing in it, so none of their findings can stand on the base.
 */
export function changeOfNothing(change: ChangeSet): ChangeSet {
  const { historyCut: _cut, agentSession: _session, baseTip: _tip, ...rest } = change;
  return { ...rest, head: change.base, files: [], commits: [], lineStats: () => ({ added: 0, removed: 0 }) };
}
