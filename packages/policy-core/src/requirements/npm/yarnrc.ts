import { LIMITS } from '../../limits.js';
import { loadBoundedYaml } from '../../policy/bounded-yaml.js';
import { LineIndex } from '../../text-position.js';
import type { NpmrcRegistry } from './npmrc.js';

/**
 * The registries a Berry `.yarnrc.yml` sends installs to (Yarn 2+ reads no .npmrc):
 * `npmRegistryServer` and each `npmScopes.<scope>.npmRegistryServer`, read as YAML (so a flow
 * mapping hides none), each placed at the line that spells its URL (line 1 when none does).
 */
export function readYarnrcRegistries(text: string): NpmrcRegistry[] {
  const index = new LineIndex(text);
  const read = loadBoundedYaml(text, index, LIMITS.policy.yamlAliases);
  if ('problems' in read) return [];
  const root = read.value as Record<string, unknown> | null;
  if (typeof root !== 'object' || root === null) return [];
  const found: { key: string; url: string }[] = [];
  if (typeof root.npmRegistryServer === 'string')
    found.push({ key: 'npmRegistryServer', url: root.npmRegistryServer });
  const scopes = root.npmScopes;
  if (typeof scopes === 'object' && scopes !== null)
    for (const [scope, v] of Object.entries(scopes as Record<string, unknown>)) {
      const url = (v as { npmRegistryServer?: unknown } | null)?.npmRegistryServer;
      if (typeof url === 'string') found.push({ key: `@${scope}:npmRegistryServer`, url });
    }
  return found.map(({ key, url }) => {
    const at = Math.max(0, text.indexOf(url));
    const line = index.position(at).line;
    const start = index.offset({ line, character: 0 });
    const next = text.indexOf('\n', start);
    return { key, url, start, end: next === -1 ? text.length : next };
  });
}
