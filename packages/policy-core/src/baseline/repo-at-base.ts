import type { ChangeSet } from '../change-set.js';
import type { RepoView } from '../repo.js';

/**
 * The repository as the change's base holds it: every file reads as git has it at base, never
 * from the tree (a working tree's edits are not all in `change.files`: a file the branch's commits
 * put back as it was and the working tree edits again is in none of them). The listing is the
 * tree's with the change's added files left out and its deleted ones back; a listed file the base
 * lacks reads as missing. What the rules find here is what they found before the change
 * (change-own-findings.ts). Only the files the rules read are read at base.
 */
export function repoAtBase(repo: RepoView, change: ChangeSet): RepoView {
  const readBase = change.readBase?.bind(change);
  if (!readBase) throw new Error('the files cannot be read as they are on the base here');
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
      for (const f of change.files) {
        if (f.status === 'added' || f.status === 'copied' || f.status === 'renamed') files.delete(f.path);
        if (f.status === 'deleted') files.add(f.path);
        if (f.status === 'renamed' && f.oldPath !== undefined) files.add(f.oldPath);
      }
      listed = [...files].sort();
      return listed;
    },
    readFile: readAtBase,
    ...(repo.git ? { git: repo.git } : {}),
  };
  if (repo.isDirectory) view.isDirectory = (path) => repo.isDirectory?.(path) ?? false;
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
