import { encodePath } from './path-bytes.js';
import { runGitSync } from './run-git.js';

/**
 * Reads files as they were at one commit, on demand and synchronously (ChangeSet.readBase is
 * sync so that pure rules can call it). `cat-file --batch -z` takes the path on stdin as bytes,
 * so names with newlines or non-UTF-8 bytes work, which an argv string could not carry.
 */
export function makeBaseReader(cwd: string, commit: string): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (cache.has(path)) return cache.get(path);
    const text = readAt(cwd, commit, path);
    cache.set(path, text);
    return text;
  };
}

function readAt(cwd: string, commit: string, path: string): string | undefined {
  const input = Buffer.concat([Buffer.from(`${commit}:`, 'utf8'), encodePath(path), Buffer.of(0)]);
  const out = runGitSync(cwd, ['cat-file', '--batch', '-z'], { input }).stdout;
  const nl = out.indexOf(10);
  if (nl === -1) return undefined;
  // Header: "<oid> <type> <size>", or "<name> missing" / "ambiguous" when there is no such blob.
  const header = out.toString('utf8', 0, nl).split(' ');
  if (header.length !== 3 || header[1] !== 'blob') return undefined;
  const size = Number(header[2]);
  return out.toString('utf8', nl + 1, nl + 1 + size);
}
