import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute file path of a `file:` URI; undefined for other schemes (untitled, git, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUri(root: string, file: string): string {
  return pathToFileURL(join(root, file)).href;
}

/**
 * Repo-relative POSIX path of an absolute path, or undefined when it lies outside the root.
 * Editors may name a file through a symlinked folder while git reports the real root, so the
 * real path is tried when the plain one does not fit.
 */
export function toRepoPath(root: string, path: string): string | undefined {
  const direct = inside(root, path);
  if (direct !== undefined) return direct;
  const real = realOrParent(path);
  return real === undefined ? undefined : inside(root, real);
}

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function realOrParent(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    // A new, unsaved file: resolve its directory instead.
    try {
      return join(realpathSync.native(dirname(path)), path.slice(dirname(path).length + 1));
    } catch {
      return undefined;
    }
  }
}
