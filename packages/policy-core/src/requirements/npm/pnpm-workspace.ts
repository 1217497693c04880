import { LIMITS } from '../../limits.js';
import { loadBoundedYaml } from '../../policy/bounded-yaml.js';
import { LineIndex } from '../../text-position.js';

/** pnpm-workspace.yaml's `packages` globs; none when it cannot be read (the lock's importers still count). */
export function readPnpmWorkspace(text: string): string[] {
  const read = loadBoundedYaml(text, new LineIndex(text), LIMITS.policy.yamlAliases);
  if ('problems' in read) return [];
  const value = read.value as { packages?: unknown } | null;
  const globs = value && typeof value === 'object' ? value.packages : undefined;
  return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string') : [];
}
