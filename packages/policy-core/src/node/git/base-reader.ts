import { isAscii } from 'node:buffer';
import { readCatFileRecord } from './cat-file-record.js';
import { blobObject } from './path-bytes.js';
import { runGit, runGitSync } from './run-git.js';

/**
 * Files as they are at one commit, from `git cat-file --batch -z`: one process for many files,
 * nothing checked out. Paths go in on stdin as bytes (`-z`), so names with newlines or
 * non-UTF-8 bytes work, which an argv string could not carry. Absent files map to undefined.
 */
export interface BlobReadOptions {
  /**
   * Read a symlink inside the tree as the file it points at, as a checkout of the commit would
   * (`--follow-symlinks`); one that leaves the tree, dangles or loops reads as absent, as does
   * anything that is not a file. Without it a symlink reads as absent.
   */
  followSymlinks?: boolean;
  /** Told each path that is a symlink leading out of the tree (read as absent). */
  onLeavesTree?: (path: string) => void;
  /** Told each path that is a symlink to nothing in the tree: dangling, a loop, a directory. */
  onDangling?: (path: string) => void;
}

/**
 * Reads files at one commit on demand and synchronously (ChangeSet.readBase is sync so that pure
 * rules can call it). `known`: texts already read at that commit (undefined where absent), which
 * are not asked again: each ask is a git process of its own, so the paths `expect` names are
 * asked with the next path that must be read (ChangeSet.expectBase), never on their own.
 */
export function makeBaseReader(
  cwd: string,
  commit: string,
  known?: ReadonlyMap<string, string | undefined>,
): BaseReader {
  const cache = new Map<string, string | undefined>(known);
  const expected = new Set<string>();
  return {
    read: (path) => {
      if (cache.has(path)) return cache.get(path);
      const ask = [path, ...[...expected].filter((p) => p !== path && !cache.has(p))];
      expected.clear();
      for (const [p, text] of readBlobsAt(cwd, commit, ask)) cache.set(p, text);
      return cache.get(path);
    },
    expect: (paths) => {
      for (const p of paths) if (!cache.has(p)) expected.add(p);
    },
    knows: (path) => cache.has(path),
    learn: (texts) => {
      for (const [p, text] of texts) {
        cache.set(p, text);
        expected.delete(p);
      }
    },
  };
}

/** A commit's files read on demand (makeBaseReader). */
export interface BaseReader {
  /** The file's text at the commit; undefined when absent there. */
  read(path: string): string | undefined;
  /** Files to read with the next one that must be (ChangeSet.expectBase). */
  expect(paths: readonly string[]): void;
  /** True when `read(path)` answers without git. */
  knows(path: string): boolean;
  /** Texts read elsewhere at the same commit (undefined: absent there), kept as if read here. */
  learn(texts: ReadonlyMap<string, string | undefined>): void;
}

/** Several files at one commit from a single cat-file process. */
export function readBlobsAt(
  cwd: string,
  commit: string,
  paths: readonly string[],
  options: BlobReadOptions = {},
): Map<string, string | undefined> {
  if (paths.length === 0) return new Map();
  const { names, input } = batchInput(commit, paths);
  return parseBatch(runGitSync(cwd, catFileArgs(options), { input }).stdout, names, paths, options);
}

/** `readBlobsAt` without blocking: for reads that run beside other git processes. */
export async function readBlobsAtAsync(
  cwd: string,
  commit: string,
  paths: readonly string[],
  options: BlobReadOptions = {},
): Promise<Map<string, string | undefined>> {
  if (paths.length === 0) return new Map();
  const { names, input } = batchInput(commit, paths);
  return parseBatch((await runGit(cwd, catFileArgs(options), { input })).stdout, names, paths, options);
}

/** One file as each of `commits` holds it (undefined where it does not), in one process. */
export function readFileAtEach(
  cwd: string,
  commits: readonly string[],
  path: string,
): Map<string, string | undefined> {
  if (commits.length === 0) return new Map();
  const names = commits.map((c) => blobObject(c, path));
  const input = Buffer.concat(names.flatMap((n) => [n, Buffer.of(0)]));
  // parseBatch keys its answers by the list it is given: the commits here, one path.
  return parseBatch(runGitSync(cwd, catFileArgs({}), { input }).stdout, names, commits, {});
}

function catFileArgs(options: BlobReadOptions): string[] {
  return ['cat-file', '--batch', ...(options.followSymlinks ? ['--follow-symlinks'] : []), '-z'];
}

function batchInput(commit: string, paths: readonly string[]): { names: Buffer[]; input: Buffer } {
  const names = paths.map((p) => blobObject(commit, p));
  return { names, input: Buffer.concat(names.flatMap((n) => [n, Buffer.of(0)])) };
}

function parseBatch(
  out: Buffer,
  names: Buffer[],
  paths: readonly string[],
  options: BlobReadOptions,
): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string;
    texts.set(path, undefined);
    const record = readCatFileRecord(out.subarray(at), names[i] as Buffer, true);
    if (record.kind === 'need' || record.kind === 'garbled') break;
    at += record.used;
    if (record.kind === 'not-a-file') {
      if (record.what === 'symlink') options.onLeavesTree?.(path);
      else options.onDangling?.(path);
    } else if (record.kind === 'object' && record.type === 'blob' && record.bytes)
      texts.set(path, blobText(record.bytes));
  }
  return texts;
}

/** A blob's text as FsRepo reads the working tree: ASCII copied as is (fast for a large audit log), else UTF-8. */
export function blobText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}
