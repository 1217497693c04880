import { statSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_FILES } from '@slipway/policy-core';
import { FsRepo, findRoot, runGit, splitZ, walk } from '@slipway/policy-core/node';
import { readLimit } from './size-gate.js';

export interface RepoFiles {
  /** Repository root: the git top level, or the folder itself outside git. */
  root: string;
  isGit: boolean;
  files: readonly string[];
}

/** The repository root of a workspace folder. */
export async function repoRoot(folder: string): Promise<{ root: string; isGit: boolean }> {
  return findRoot(folder);
}

/**
 * Every file the editor should treat as part of the repository: tracked files plus untracked
 * ones git does not ignore, so a migration created a minute ago is checked before `git add`.
 */
export async function listRepoFiles(root: string, isGit: boolean): Promise<readonly string[]> {
  if (!isGit) return walk(root);
  // Relative to `root`: the repository's top, or the folder of a policy below it (its files only).
  const out = await runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(splitZ(out.stdout))].sort();
}

/**
 * The folders below the repository's top that hold a policy file of their own (tracked or
 * untracked, not ignored), e.g. `services/api` for `services/api/slipway.yaml`: each governs
 * its folder. A pathspec `*` matches across `/`, so one git run finds them at any depth.
 * Outside git (or in Restricted Mode, where git is not run) the folder is walked instead, as
 * its file list is.
 */
export async function nestedPolicyFolders(root: string, isGit: boolean): Promise<string[]> {
  if (!isGit) {
    const names = new Set<string>(POLICY_FILES);
    const folders = walk(root)
      .filter((path) => path.includes('/') && names.has(path.slice(path.lastIndexOf('/') + 1)))
      .map((path) => path.slice(0, path.lastIndexOf('/')));
    return [...new Set(folders)].sort();
  }
  const names = POLICY_FILES.map((name) => `*/${name}`);
  const out = await runGit(root, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    ...names,
  ]);
  // Still in the index but deleted from the working tree: no policy any more.
  const present = splitZ(out.stdout).filter((path) => diskSize(root)(path) !== undefined);
  const folders = present.map((path) => path.slice(0, path.lastIndexOf('/')));
  return [...new Set(folders)].sort();
}

/** One file read from disk: its text, why the one reader refused it, its size past the limit, or nothing. */
export type DiskRead = ReturnType<FsRepo['read']>;

/**
 * Reads one file from disk the way the CLI does (the one reader: a link leaving the repository,
 * a FIFO or a device is refused, and said so), a file past the editor's size limit refused
 * unread (size-gate.ts). Missing, a directory, unreadable: undefined.
 */
export function diskReader(root: string): (path: string) => DiskRead {
  const fs = new FsRepo(root, []);
  return (path) => fs.read(path, readLimit(path));
}

/** A file's size in bytes, asked before reading it (see size-gate.ts); undefined when it is not a regular file. */
export function diskSize(root: string): (path: string) => number | undefined {
  return (path) => {
    try {
      const st = statSync(join(root, path));
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  };
}
