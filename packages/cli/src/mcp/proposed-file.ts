import type { ChangeSet, RepoView } from '@slipway/policy-core';

/**
 * The repository with one file's proposed text in place of what is on disk (or as a new file),
 * as the language server overlays an unsaved buffer (packages/lsp overlay-repo.ts): the rules
 * read the text an agent is about to write, and every other file as it is.
 */
export function withProposedFile(repo: RepoView, path: string, text: string): RepoView {
  const listed = repo.listFiles();
  const files = listed.includes(path) ? listed : [...listed, path].sort();
  return {
    listFiles: () => files,
    readFile: (p) => (p === path ? text : repo.readFile(p)),
    isDirectory: (p) => p !== path && (repo.isDirectory?.(p) ?? false),
    whyUnread: (p) => (p === path ? undefined : repo.whyUnread?.(p)),
    linkTarget: (p) => (p === path ? undefined : repo.linkTarget?.(p)),
    ...(repo.git ? { git: repo.git } : {}),
  };
}

/**
 * The change with the proposed file in it: with a change, the migration rules judge only the
 * files it touches (the history it leaves alone was judged when it landed), so the file must be
 * one of them to be judged at all.
 */
export function withProposedChange(change: ChangeSet | undefined, path: string): ChangeSet | undefined {
  if (!change || change.files.some((f) => f.path === path)) return change;
  const status = change.readBase?.(path) === undefined ? 'added' : 'modified';
  // The change's own methods (readBase, lineStats) stay reachable: it may be a class instance.
  return Object.assign(Object.create(change) as ChangeSet, { files: [...change.files, { status, path }] });
}
