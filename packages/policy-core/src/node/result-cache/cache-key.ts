import { mkdirSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { slipwayCacheDir } from '../user-cache-dir.js';

/**
 * Where the per-machine key of the result cache lives: the user's cache directory
 * (slipwayCacheDir: `$SLIPWAY_CACHE_DIR`, `$XDG_CACHE_HOME/slipway` or `~/.cache/slipway`), outside every repository, so that a
 * cache file written into a repository's git directory by anything but this machine's Slipway
 * (a tool, a copied checkout, a crafted archive) fails its MAC.
 */
export function cacheKeyFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const dir = slipwayCacheDir(env);
  return dir ? join(dir, 'result-cache.key') : undefined;
}

/**
 * The key in `file`, created (32 random bytes, hex, mode 0600) on first use. Undefined when it
 * can be neither read nor created (a read-only home): the run then goes without a cache.
 */
export function readOrCreateCacheKey(file: string): Buffer | undefined {
  const read = () => {
    try {
      const hex = readFileSync(file, 'utf8').trim();
      return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
    } catch {
      return undefined;
    }
  };
  const known = read();
  if (known) return known;
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // 'wx': two runs starting at once both try; the loser reads the winner's key.
    const fd = openSync(file, 'wx', 0o600);
    try {
      // node:crypto only here, on a machine's first run: loading it costs every check milliseconds.
      writeSync(fd, `${process.getBuiltinModule('node:crypto').randomBytes(32).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Exists already (another run won), or cannot be written: read whatever is there.
  }
  return read();
}
