/**
 * What a dependency file's name alone says: which reader a lock needs, whether a pair's
 * requirements are a pyproject.toml, which files beside an npm-family lock choose its registry.
 * A module of its own, with no parser imports: the agent gate asks it for every path a call
 * writes (path-roles.ts, branch-policy.ts), and a write to docs/ must not load the readers
 * (lock-file.ts, registry-files.ts, pyproject.ts) to learn that.
 */

export type LockFormat = 'requirements' | 'uv' | 'poetry' | 'npm' | 'pnpm' | 'yarn' | 'bun';

/** The lock formats of npm-family package managers, read by requirements/npm/. */
export function isNpmFormat(format: LockFormat): format is 'npm' | 'pnpm' | 'yarn' | 'bun' {
  return format === 'npm' || format === 'pnpm' || format === 'yarn' || format === 'bun';
}

/** Which reader a lock needs: the policy's `lock_format`, else the file name decides. */
export function detectLockFormat(path: string, configured: 'auto' | LockFormat = 'auto'): LockFormat {
  if (configured !== 'auto') return configured;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'uv.lock') return 'uv';
  if (base === 'poetry.lock') return 'poetry';
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') return 'npm';
  if (base === 'pnpm-lock.yaml') return 'pnpm';
  if (base === 'yarn.lock') return 'yarn';
  // bun.lockb, Bun's binary lock, is not read: its pair says so (npm-pair-facts.ts).
  if (base === 'bun.lock' || base === 'bun.lockb') return 'bun';
  return 'requirements';
}

/** A requirements path the DEP rules read as pyproject.toml rather than pip's format. */
export function isPyprojectPath(path: string): boolean {
  return path === 'pyproject.toml' || path.endsWith('/pyproject.toml');
}

/**
 * The files beside an npm-family lock that choose where installs fetch from, by name
 * (registry-files.ts reads them; bunfig.toml's reader loads a TOML parser).
 */
export const REGISTRY_FILE_NAMES = ['.npmrc', '.yarnrc', '.yarnrc.yml', 'bunfig.toml'] as const;

export type RegistryFileName = (typeof REGISTRY_FILE_NAMES)[number];
