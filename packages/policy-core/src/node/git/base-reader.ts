import { encodePath } from './path-bytes.js';
import { runGit, runGitSync } from './run-git.js';

/**
 * Reads files as they were at one commit, on demand and synchronously (ChangeSet.readBase is
 * sync so that pure rules can call it). `cat-file --batch -z` takes the path on stdin as bytes,
 * so names with newlines or non-UTF-8 bytes work, which an argv string could not carry.
 */
export function makeBaseReader(cwd: string, commit: string): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (cache.has(path)) return cache.get(path);
    const text = readBlobsAt(cwd, commit, [path]).get(path);
    cache.set(path, text);
    return text;
  };
}

/** Several files at one commit from a single cat-file process; absent ones map to undefined. */
export function readBlobsAt(
  cwd: string,
  commit: string,
  paths: readonly string[],
): Map<string, string | undefined> {
  if (paths.length === 0) return new Map();
  const { names, input } = batchInput(commit, paths);
  return parseBatch(runGitSync(cwd, ['cat-file', '--batch', '-z'], { input }).stdout, names, paths);
}

/** `readBlobsAt` without blocking: for reads that run beside other git processes. */
export async function readBlobsAtAsync(
  cwd: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  if (paths.length === 0) return new Map();
  const { names, input } = batchInput(commit, paths);
  return parseBatch((await runGit(cwd, ['cat-file', '--batch', '-z'], { input })).stdout, names, paths);
}

function batchInput(commit: string, paths: readonly string[]): { names: Buffer[]; input: Buffer } {
  const names = paths.map((p) => Buffer.concat([Buffer.from(`${commit}:`, 'utf8'), encodePath(p)]));
  return { names, input: Buffer.concat(names.flatMap((n) => [n, Buffer.of(0)])) };
}

function parseBatch(out: Buffer, names: Buffer[], paths: readonly string[]): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string;
    const name = names[i] as Buffer;
    // "<name> missing" (or "ambiguous") echoes the name, which may itself hold a newline; match
    // it as bytes rather than splitting at the first newline.
    const echoed = out.subarray(at, at + name.length + 1);
    if (
      echoed.length === name.length + 1 &&
      echoed.subarray(0, name.length).equals(name) &&
      echoed[name.length] === 32
    ) {
      const nl = out.indexOf(10, at + name.length);
      texts.set(path, undefined);
      at = nl === -1 ? out.length : nl + 1;
      continue;
    }
    const nl = out.indexOf(10, at);
    if (nl === -1) break;
    // Header: "<oid> <type> <size>"; the content follows, then a newline.
    const header = out.toString('utf8', at, nl).split(' ');
    const size = header.length === 3 ? Number(header[2]) : 0;
    texts.set(path, header[1] === 'blob' ? out.toString('utf8', nl + 1, nl + 1 + size) : undefined);
    at = nl + 1 + size + 1;
  }
  return texts;
}
