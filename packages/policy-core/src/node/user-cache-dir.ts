import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Slipway's directory in the user's cache, outside every repository: `$SLIPWAY_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/slipway`, else `~/.cache/slipway`. Undefined without a home.
 */
export function slipwayCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.SLIPWAY_CACHE_DIR) return env.SLIPWAY_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (env.HOME || homedir() ? join(env.HOME || homedir(), '.cache') : '');
  return base ? join(base, 'slipway') : undefined;
}
