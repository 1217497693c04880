import { LIMITS } from '../../limits.js';
import { loadBoundedYaml } from '../../policy/bounded-yaml.js';
import { LineIndex } from '../../text-position.js';
import { emptyLock, type NpmLock, type NpmLockImporter, type NpmLockPackage } from './npm-lock-model.js';
import { NPM_SECTIONS } from './npm-manifest.js';
import { readPnpmLockLines } from './pnpm-lock-lines.js';

type Yaml = Record<string, unknown>;

const isMap = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads pnpm-lock.yaml (lockfile v5.x, v6, v9): as pnpm writes it, line by line
 * (pnpm-lock-lines.ts); anything else with the YAML reader every Slipway YAML goes through
 * (unique keys, bounded aliases), which also says where a broken lock breaks. Importers are `importers['<dir>']` (`.` the root), or
 * the top level of a single-project lock; each dependency is `{ specifier, version }` (v6, v9) or
 * a version with the specifier under `specifiers` (v5). A version is `1.2.3(peer@1)`,
 * `link:../b` or an alias's `real@1.2.3`.
 */
export function readPnpmLock(text: string): NpmLock {
  let data: unknown = readPnpmLockLines(text);
  if (data === undefined) {
    const index = new LineIndex(text);
    const read = loadBoundedYaml(text, index, LIMITS.policy.yamlAliases);
    if ('problems' in read) {
      const p = read.problems[0];
      return emptyLock('pnpm', p?.message ?? 'invalid YAML', p ? index.offset(p.range.start) : 0);
    }
    data = read.value;
  }
  if (!isMap(data)) return emptyLock('pnpm', 'expected a YAML mapping', 0);
  const lock: NpmLock = { format: 'pnpm', importers: new Map(), packages: [], overrides: overridesOf(data) };
  const importers = isMap(data.importers) ? data.importers : { '.': data };
  for (const [dir, entry] of Object.entries(importers))
    if (isMap(entry)) {
      const path = dir === '.' ? '' : dir.replace(/^\.\//, '');
      lock.importers.set(path, importerOf(path, entry));
    }
  // Lockfile v9's `catalogs`: each catalog entry an importer uses, with the specifier and version
  // it was resolved from, as the importer `catalog:<name>` (npm-pair-facts.ts pairs it with
  // pnpm-workspace.yaml's catalog of that name).
  if (isMap(data.catalogs))
    for (const [name, entries] of Object.entries(data.catalogs))
      if (isMap(entries))
        lock.importers.set(`catalog:${name}`, importerOf(`catalog:${name}`, { dependencies: entries }));
  const packages = isMap(data.packages) ? data.packages : {};
  const snapshots = isMap(data.snapshots) ? data.snapshots : {};
  for (const [key, entry] of Object.entries(packages)) {
    if (!isMap(entry)) continue;
    const { name, version } = packageKey(key);
    const pkg: NpmLockPackage = { name, installScript: entry.requiresBuild === true };
    if (version !== undefined) pkg.version = version;
    const resolution = isMap(entry.resolution) ? entry.resolution : {};
    const url = resolution.tarball ?? resolution.repo;
    if (typeof url === 'string') pkg.resolved = url;
    if (!pkg.installScript && isMap(snapshots[key]) && (snapshots[key] as Yaml).requiresBuild === true)
      pkg.installScript = true;
    lock.packages.push(pkg);
  }
  return lock;
}

/** The top-level `overrides:`, selector to specifier as pnpm wrote it (a number read back as its text). */
function overridesOf(data: Yaml): Map<string, string> {
  const out = new Map<string, string>();
  if (isMap(data.overrides))
    for (const [key, value] of Object.entries(data.overrides))
      if (typeof value === 'string' || typeof value === 'number') out.set(key, String(value));
  return out;
}

function importerOf(path: string, entry: Yaml): NpmLockImporter {
  const importer: NpmLockImporter = { path, deps: new Map() };
  const specifiers = isMap(entry.specifiers) ? entry.specifiers : undefined;
  for (const section of NPM_SECTIONS) {
    const deps = entry[section];
    if (!isMap(deps)) continue;
    for (const [name, value] of Object.entries(deps)) {
      const spec = isMap(value) ? value.specifier : specifiers?.[name];
      const raw = isMap(value) ? value.version : value;
      if (typeof spec !== 'string' || importer.deps.has(name)) continue;
      const version = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
      const dep = { spec, section, ...installedVersion(version) };
      importer.deps.set(name, dep);
    }
  }
  return importer;
}

/** `1.2.3(react@18.2.0)` → 1.2.3; `link:../b` → linked; `real@1.2.3` (an alias) → 1.2.3. */
function installedVersion(raw: string | undefined): { version?: string; linked?: boolean } {
  if (raw === undefined) return {};
  if (raw.startsWith('link:') || raw.startsWith('file:')) return { linked: true };
  let v = raw;
  const paren = v.indexOf('(');
  if (paren !== -1) v = v.slice(0, paren);
  const at = v.lastIndexOf('@');
  if (at > 0) v = v.slice(at + 1);
  return { version: v };
}

/** `/name@1.2.3` (v6), `name@1.2.3(peer)` (v9), `/name/1.2.3` (v5), scoped names alike. */
function packageKey(key: string): { name: string; version?: string } {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren !== -1) k = k.slice(0, paren);
  const at = k.indexOf('@', 1);
  if (at !== -1) return { name: k.slice(0, at), version: k.slice(at + 1) };
  // v5: the version is the last path segment.
  const slash = k.lastIndexOf('/');
  if (slash > 0 && (!k.startsWith('@') || k.indexOf('/') !== slash))
    return { name: k.slice(0, slash), version: k.slice(slash + 1) };
  return { name: k };
}
