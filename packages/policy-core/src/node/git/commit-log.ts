import type { ChangedFile, Commit } from '../../change-set.js';
import { readNameStatus } from './name-status.js';

/**
 * Commits of a range come from two `git log -z` calls: one for metadata (cheap: no diffs), and,
 * only when a rule first asks for a commit's `files`, one `--name-status` pass over the whole
 * range. On a large change the per-commit diffs cost as much as the change's own diff, and most
 * checks never look at them. Fields are positional: bodies may hold anything but NUL.
 */
export const META_ARGS = [
  'log',
  '-z',
  '--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%s%x00%b%x00',
  '--no-color',
  '--no-show-signature',
] as const;

/** Merge commits get no file list: what they bring in is listed on the merged commits. */
export const FILES_ARGS = [
  'log',
  '-z',
  '--format=%H%x00',
  '--name-status',
  '-M',
  '--no-merges',
  '--no-color',
  '--no-ext-diff',
  '--no-relative',
  '--no-show-signature',
] as const;

const FIELDS = 8;
const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function expectHash(token: string): void {
  if (!HASH.test(token))
    throw new Error(`unexpected git log output near ${JSON.stringify(token.slice(0, 60))}`);
}

/** Parses META_ARGS output split on NUL. firstParent is set later by markFirstParent. */
export function parseCommitLog(tokens: readonly string[]): Commit[] {
  const commits: Commit[] = [];
  let i = 0;
  while (i + FIELDS <= tokens.length) {
    const f = tokens.slice(i, i + FIELDS) as [string, string, string, string, string, string, string, string];
    expectHash(f[0]);
    i += FIELDS;
    // An empty field separates one commit from the next.
    if (tokens[i] === '') i += 1;
    commits.push({
      sha: f[0],
      parents: f[1] ? f[1].split(' ') : [],
      author: { name: f[2], email: f[3] },
      committer: { name: f[4], email: f[5] },
      subject: f[6],
      body: f[7].replace(/\n+$/, ''),
      firstParent: false,
    });
  }
  return commits;
}

/**
 * Parses FILES_ARGS output split on NUL (the array is consumed: each commit's first status
 * token loses git's leading newline in place). Commits that changed nothing map to [].
 */
export function parseFileLists(tokens: string[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  let i = 0;
  while (i < tokens.length) {
    const sha = tokens[i]!;
    expectHash(sha);
    i += 1;
    if (tokens[i] === '') i += 1;
    const files: ChangedFile[] = [];
    const next = tokens[i];
    if (next?.startsWith('\n')) {
      tokens[i] = next.slice(1);
      i = readNameStatus(tokens, i, files);
    }
    lists.set(sha, touchedBy(files));
  }
  return lists;
}

/** Both sides of a rename or copy: the paths a change touches. */
export function touchedBy(files: readonly ChangedFile[]): string[] {
  const paths: string[] = [];
  for (const f of files) {
    paths.push(f.path);
    if (f.oldPath !== undefined && f.oldPath !== f.path) paths.push(f.oldPath);
  }
  return paths;
}

/**
 * Gives every non-merge commit a `files` list that loads on first read (all commits at once).
 * A range of one commit sitting right on the merge-base needs no git at all: its files are
 * the change's own.
 */
export function attachFiles(
  commits: Commit[],
  mergeBase: string,
  changeFiles: readonly ChangedFile[],
  load: () => Map<string, string[]>,
): void {
  const only = commits.length === 1 ? commits[0] : undefined;
  if (only && only.parents.length === 1 && only.parents[0] === mergeBase) {
    only.files = touchedBy(changeFiles);
    return;
  }
  let lists: Map<string, string[]> | undefined;
  for (const commit of commits) {
    if (commit.parents.length > 1) continue;
    Object.defineProperty(commit, 'files', {
      enumerable: true,
      configurable: true,
      get() {
        lists ??= load();
        const files = lists.get(commit.sha) ?? [];
        Object.defineProperty(commit, 'files', {
          value: files,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return files;
      },
      set(value: string[] | undefined) {
        Object.defineProperty(commit, 'files', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      },
    });
  }
}

/** Marks the commits on head's first-parent chain (walks parents[0] while inside the range). */
export function markFirstParent(commits: Commit[], head: string): void {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  let cur = bySha.get(head);
  while (cur && !cur.firstParent) {
    cur.firstParent = true;
    const p = cur.parents[0];
    cur = p === undefined ? undefined : bySha.get(p);
  }
}
