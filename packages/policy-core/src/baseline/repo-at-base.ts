import type { ChangeSet } from '../change-set.js';
import type { RepoView } from '../repo.js';
import { ListingAtBase } from './listing-at-base.js';

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
  const listing = new ListingAtBase(() => repo.listFiles(), change.files);
  const view: RepoView = {
    listFiles: () => listing.all(),
    readFile: readAtBase,
    ...(repo.git ? { git: repo.git } : {}),
  };
  // Asked by prefix where the tree is (POL002): no listing of the whole base is made.
  if (repo.filesUnder) {
    const under = repo.filesUnder.bind(repo);
    view.filesUnder = (prefix) => listing.under(prefix, under(prefix));
  }
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
