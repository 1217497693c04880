import type { ChangedFile, Commit } from '../../change-set.js';
import { readNameStatus } from './name-status.js';

/**
 * Commits of a range come from two `git log -z` calls: one for metadata (cheap: no diffs), and,
 * only when a rule first asks for a commit's `files` or `changes`, one `--name-status` pass over
 * the whole range. On a large change the per-commit diffs cost as much as the change's own diff,
 * and most checks never look at them. Fields are positional: bodies may hold anything but NUL.
 */
export const META_ARGS = [
  'log',
  '-z',
  '--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%s%x00%b%x00',
  '--no-color',
  '--no-show-signature',
] as const;

/**
 * Every commit's own changes, merges included. A merge lists only what it made itself (`-c`:
 * paths whose merged result differs from every parent, i.e. a conflict resolution or an evil
 * merge); what it brought in from either side is listed on that side's commits, which are in the
 * range too (or below its base). Diffing a merge against its first parent instead would charge
 * it with everything its second parent brought, Slipway's own record commits included.
 * `--combined-all-paths` names each parent's path, so a merge that renames a file away shows
 * the old name. Still one git process for the whole range.
 */
export const FILES_ARGS = [
  'log',
  '-z',
  '--format=%H%x00',
  '--name-status',
  '-M',
  '-c',
  '--combined-all-paths',
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
 * token loses git's leading newline in place). Commits that changed nothing map to []. After
 * the hash git writes one empty field and a newline before a commit's entries, two empty fields
 * and no newline before a merge's.
 */
export function parseFileLists(tokens: string[]): Map<string, ChangedFile[]> {
  const lists = new Map<string, ChangedFile[]>();
  let i = 0;
  while (i < tokens.length) {
    const sha = tokens[i]!;
    expectHash(sha);
    i += 1;
    while (tokens[i] === '') i += 1;
    const files: ChangedFile[] = [];
    const next = tokens[i];
    if (next?.startsWith('\n')) tokens[i] = next.slice(1);
    i = readNameStatus(tokens, i, files);
    lists.set(sha, files);
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
 * Gives every commit `changes` and `files` that load on first read (all commits at once, one
 * git process). A range of one commit sitting right on the merge-base needs no git at all: its
 * changes are the change's own.
 */
export function attachFiles(
  commits: Commit[],
  mergeBase: string,
  changeFiles: readonly ChangedFile[],
  load: () => Map<string, ChangedFile[]>,
): void {
  const only = commits.length === 1 ? commits[0] : undefined;
  if (only && only.parents.length === 1 && only.parents[0] === mergeBase) {
    only.changes = [...changeFiles];
    only.files = touchedBy(changeFiles);
    return;
  }
  let lists: Map<string, ChangedFile[]> | undefined;
  const changesOf = (commit: Commit) => {
    lists ??= load();
    return lists.get(commit.sha) ?? [];
  };
  for (const commit of commits) {
    lazyField(commit, 'changes', () => changesOf(commit));
    lazyField(commit, 'files', () => touchedBy(changesOf(commit)));
  }
}

/** Defines `key` as computed on first read, then kept; assigning replaces it as usual. */
function lazyField<K extends 'changes' | 'files'>(commit: Commit, key: K, compute: () => Commit[K]): void {
  const settle = (value: Commit[K]) =>
    Object.defineProperty(commit, key, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(commit, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
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
