import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PolicyDocument } from '@slipway/policy-core';
import { openSqlResultCache, type SqlResultCache } from '@slipway/policy-core/node';
import { SOURCE_HASH, VERSION } from './version.js';

/**
 * Whether `check` keeps its result cache: `--no-cache` never, `--cache` always, otherwise yes
 * except in CI (`CI` or `GITHUB_ACTIONS` set to true): a gate judges from the files alone unless
 * its workflow asks for the cache (and then keeps the key and the git directory to itself).
 */
export function cacheWanted(
  values: { cache?: boolean; 'no-cache'?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (values['no-cache']) return false;
  if (values.cache) return true;
  return !(env.CI === 'true' || env.CI === '1' || env.GITHUB_ACTIONS === 'true');
}

/**
 * This build, as results depend on it: the version and the hash of the sources it was built from
 * (the rules live in other chunks than this one, whose own file may not change when they do), so
 * that rebuilt rules never meet results an older build computed under the same version number.
 * Run from source (tests), this module's own file stands in for the hash.
 */
function buildId(): string {
  if (SOURCE_HASH !== undefined) return `${VERSION}\u0000${SOURCE_HASH}`;
  const file = fileURLToPath(import.meta.url);
  const st = statSync(file, { throwIfNoEntry: false });
  return `${VERSION}\u0000${file}\u0000${st?.size ?? 0}\u0000${st?.mtimeMs ?? 0}`;
}

/**
 * The opener openCheckContext calls once it knows the repository and the governing policy. The
 * context is everything but a file's text that the cached results depend on: the build and the
 * policy's `migrations` section (its `postgres_version` and patterns). Severities, suppressions
 * and `--rule` are applied after the cache, on every run, and are not part of it.
 */
export function sqlResultCacheOpener(
  env: Readonly<Record<string, string | undefined>>,
  opened: (cache: SqlResultCache) => void,
): (root: string, policy: PolicyDocument) => SqlResultCache | undefined {
  return (root, policy) => {
    const context = `${buildId()}\u0000${JSON.stringify(policy.policy.migrations ?? null)}`;
    const cache = openSqlResultCache(root, context, env);
    if (cache) opened(cache);
    return cache;
  };
}
