import { join } from 'node:path';
import { discoverGitDir } from '../git/discover-root.js';
import { cacheKeyFile, readOrCreateCacheKey } from './cache-key.js';
import { SqlResultCache } from './sql-result-cache.js';

/**
 * The result cache's folder: `slipway/cache` inside the work tree's own git directory (`.git`,
 * or the directory a worktree's `.git` file names), so that it is never committed, never seen
 * by the file listing, and goes away with the clone. Undefined outside git (no cache there).
 */
export function resultCacheDir(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  // Found as discoverRoot finds the repository: with a discovery variable (GIT_DIR…) set or
  // anything unusual, where the git directory is is git's to say, and there is no cache.
  const gitDir = discoverGitDir(root, env);
  return gitDir === undefined ? undefined : join(gitDir, 'slipway', 'cache');
}

/**
 * The SQL result cache of the repository at `root` for results computed under `context` (the
 * build and the policy section they depend on); undefined outside git or without a key.
 */
export function openSqlResultCache(
  root: string,
  context: string,
  env: Readonly<Record<string, string | undefined>>,
): SqlResultCache | undefined {
  const dir = resultCacheDir(root, env);
  const keyFile = cacheKeyFile(env);
  const key = dir && keyFile ? readOrCreateCacheKey(keyFile) : undefined;
  return dir && key ? SqlResultCache.open(dir, key, context) : undefined;
}
