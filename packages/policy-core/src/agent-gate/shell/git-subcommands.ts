// Which git subcommands write what: the sets gitEffects (git.ts) reads.
import type { WalkContext } from './context.js';

/**
 * Subcommands that only read, or write only under `.git` (`add`, `commit`, `fetch`, `branch`,
 * `tag`, `config`): no file the gate names (git.ts).
 */
export const READ_ONLY = new Set([
  'status',
  'diff',
  'log',
  'show',
  'blame',
  'branch',
  'tag',
  'remote',
  'fetch',
  'ls-files',
  'ls-tree',
  'rev-parse',
  'describe',
  'shortlog',
  'grep',
  'cat-file',
  'reflog',
  'whatchanged',
  'add',
  'commit',
  'config',
  'rev-list',
  'merge-base',
  'name-rev',
  'show-ref',
  'for-each-ref',
  'var',
  'version',
  'help',
  'check-ignore',
  'check-attr',
  'count-objects',
  'fsck',
  'gc',
  'notes',
  'range-diff',
  'diff-tree',
  'diff-files',
  'diff-index',
  'ls-remote',
  'symbolic-ref',
  'update-ref',
  'verify-commit',
  'cherry',
  'merge-tree',
]);
/** Subcommands that rewrite tracked files from elsewhere: their targets are not known. */
export const REWRITES = new Set([
  'merge',
  'pull',
  'rebase',
  'cherry-pick',
  'revert',
  'am',
  'apply',
  'submodule',
  'worktree',
  'bisect',
  'sparse-checkout',
  'filter-branch',
  'lfs',
]);

/**
 * git subcommands that never change the index, HEAD or a branch: the read-only ones but those that
 * write under `.git` (pushes, fetches and tags move refs the gate reads from refWrites,
 * git-refs.ts), and format-patch and archive, which write patch files and archives only.
 */
const WRITE_UNDER_GIT = ['add', 'commit', 'branch', 'notes', 'gc', 'init', 'update-ref', 'symbolic-ref'];
const INDEX_READS = new Set([
  ...[...READ_ONLY].filter((sub) => !WRITE_UNDER_GIT.includes(sub)),
  'push',
  'format-patch',
  'archive',
]);

/**
 * Records `git <sub>` as a change to the index, HEAD or a branch (ShellEffects.indexChanges), unless
 * it only reads them or is a restore the gate judges from its source (`judgedRestore`): a restore
 * elsewhere in the same command would read what the gate saw before it (shell/restores.ts).
 */
export function noteIndexChange(ctx: WalkContext, sub: string, judgedRestore = false): void {
  if (!INDEX_READS.has(sub) && !judgedRestore) ctx.effects.indexChanges.push(`git ${sub}`);
}

/**
 * Of the changes noteIndexChange records, those that leave the index and HEAD's commit as they
 * were or change the index only as writes the gate judges (`add`, `rm`, `mv`): a move of HEAD
 * among them (update-ref, symbolic-ref) is a ref write of HEAD's, read from refWrites.
 */
const KEEPS_INDEX_AND_HEAD = new Set([...WRITE_UNDER_GIT, 'rm', 'mv', 'worktree'].map((sub) => `git ${sub}`));

/** Whether a change noteIndexChange recorded may change what a later `git commit` records. */
export function changesWhatCommitsRecord(change: string): boolean {
  return !KEEPS_INDEX_AND_HEAD.has(change);
}

/** Whether `git <sub>` only reads the index and the refs. */
export function readsIndexOnly(sub: string): boolean {
  return INDEX_READS.has(sub);
}
