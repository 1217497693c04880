import TOML from '@iarna/toml';
import { LIMITS, nestingPastLimit } from '../../limits.js';
import { LineIndex } from '../../text-position.js';
import type { NpmrcRegistry } from './npmrc.js';

/**
 * The registries a `bunfig.toml` sends Bun's installs to (Bun reads .npmrc too; this file wins):
 * `[install] registry` and each `[install.scopes]` entry, each a URL string or a table with a
 * `url` (and a token or username and password, never copied out), as Bun's docs spell them
 * (bun.com/docs/pm/scopes-registries). Credentials in a URL (`https://user:pass@host/`) are
 * dropped: the host is what is judged, and a finding must not print a password. Each is placed at
 * the line that spells its host (line 1 when none does); a file that is not TOML names none.
 */
export function readBunfigRegistries(text: string): NpmrcRegistry[] {
  if (nestingPastLimit(text, LIMITS.requirements.tomlDepth) >= 0) return [];
  let root: unknown;
  try {
    root = TOML.parse(text);
  } catch {
    return [];
  }
  const install = tableAt(root, 'install');
  if (!install) return [];
  const found: { key: string; url: string }[] = [];
  const registry = urlOf(install.registry);
  if (registry) found.push({ key: 'registry', url: registry });
  for (const [scope, v] of Object.entries(tableAt(install, 'scopes') ?? {})) {
    const url = urlOf(v);
    if (url) found.push({ key: `${scope.startsWith('@') ? scope : `@${scope}`}:registry`, url });
  }
  const index = new LineIndex(text);
  return found.map(({ key, url }) => {
    const host = url.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? url;
    const line = index.position(Math.max(0, text.indexOf(host))).line;
    const start = index.offset({ line, character: 0 });
    const next = text.indexOf('\n', start);
    return { key, url, start, end: next === -1 ? text.length : next };
  });
}

function tableAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** A registry value's URL without credentials: the string, or a table's `url`. */
function urlOf(value: unknown): string | undefined {
  const url = typeof value === 'string' ? value : tableAt({ v: value }, 'v')?.url;
  return typeof url === 'string' ? url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1') : undefined;
}
