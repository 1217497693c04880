import { parseJsonWithRanges } from '../../deploy/json-with-ranges.js';
import { jsoncAsJson } from './jsonc-text.js';
import { emptyLock, type NpmLock, type NpmLockImporter, type NpmLockPackage } from './npm-lock-model.js';
import { NPM_SECTIONS } from './npm-manifest.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own member only: a package named `constructor` or `__proto__` is a key, never Object's. */
const own = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** The `lockfileVersion`s Bun's reader knows (oven-sh/bun `bun.lock` Version: v0 to v3, one layout). */
const KNOWN_VERSIONS = new Set([0, 1, 2, 3]);
/**
 * What a registry element `""` stands for: the writer leaves out npm's registry, the default (at
 * install, Bun fetches such a package from the registry bunfig.toml or .npmrc configures, which
 * DEP016 watches).
 */
const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/**
 * Reads bun.lock, the text lock of Bun 1.2 and later, as Bun's own reader and writer define it
 * (oven-sh/bun, src/install/lockfile/bun.lock.zig: `Stringifier.saveFromBinary` writes it,
 * `parseIntoBinaryLockfile` reads it; `Resolution.fromTextLockfile` reads each package's first
 * element). JSONC: Bun writes trailing commas and its parser takes comments.
 * - `workspaces`: keyed by each workspace's directory (`""` the root), each a copy of its
 *   package.json's `name`, `version` and four dependency sections: the importers.
 * - `packages`: keyed by install path spelled in package names (`a`, `a/b` for b under a, and
 *   `<workspace name>/b` for b under a workspace), each an array led by `"name@resolution"`:
 *   npm `["n@1.2.3", registry, INFO, integrity]` where registry is the tarball URL or `""` for
 *   registry.npmjs.org (the writer leaves that one out); git `["n@git+https://…#ref", INFO, tag]`;
 *   github `["n@github:u/r#ref", INFO, tag]`; tarball `["n@https://…/n.tgz", INFO]` or a local
 *   path; folder `["n@file:dir", INFO]`, symlink `["n@link:dir", INFO]`, workspace
 *   `["n@workspace:dir"]`, root `["n@root:", {bin}]`.
 * - `catalog`, `catalogs`: the catalogs' specifiers the lock was written from (the importers
 *   `catalog:<name>`; npm-catalogs.ts pairs them with the root package.json's catalogs).
 * - `trustedDependencies`: the names in package.json's `trustedDependencies` that the tree
 *   installs. Bun runs dependencies' install scripts only for those and for its own built-in
 *   list, which the lock does not name; whether a package has scripts at all is not recorded.
 * What a workspace's dependency installs is found as Bun finds it: `<workspace name>/<dep>`,
 * else the hoisted `<dep>`.
 */
export function readBunLock(text: string): NpmLock {
  const json = jsoncAsJson(text);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    // Only a broken lock pays for the parse that says where it breaks (same offsets as `text`).
    const careful = parseJsonWithRanges(json);
    return careful.ok
      ? emptyLock('bun', 'not JSON', 0)
      : emptyLock('bun', `not valid JSON: ${careful.message}`, careful.offset);
  }
  if (!isObject(data)) return emptyLock('bun', 'expected a JSON object', 0);
  const where = (key: string) => Math.max(0, text.indexOf(`"${key}"`));
  const version = own(data, 'lockfileVersion');
  if (typeof version !== 'number' || !KNOWN_VERSIONS.has(version))
    return emptyLock(
      'bun',
      `lockfileVersion ${JSON.stringify(version)} is not one Slipway reads (0 to 3, Bun 1.1 and later)`,
      where('lockfileVersion'),
    );
  const workspaces = own(data, 'workspaces');
  if (!isObject(workspaces)) return emptyLock('bun', 'has no `workspaces` object', 0);
  const packagesValue = own(data, 'packages') ?? {};
  if (!isObject(packagesValue)) return emptyLock('bun', '`packages` is not an object', where('packages'));
  const packages: Json = packagesValue;
  const trustedList = own(data, 'trustedDependencies');
  const trusted = new Set(Array.isArray(trustedList) ? trustedList.filter((n) => typeof n === 'string') : []);
  const lock: NpmLock = { format: 'bun', importers: new Map(), packages: [] };
  for (const key of Object.keys(packages)) {
    const entry = resolutionOf(own(packages, key));
    if ('error' in entry) {
      const at = text.indexOf(`"${key}":`, text.indexOf('"packages"'));
      return emptyLock('bun', `package "${key}": ${entry.error}`, Math.max(0, at));
    }
    if (entry.local) continue;
    const pkg: NpmLockPackage = {
      name: entry.name,
      // Bun writes the name each was depended on by: the key's last name, an alias's own.
      installScript: trusted.has(entry.name) || trusted.has(key.match(/(?:@[^/]+\/)?[^/]+$/)?.[0] ?? key),
      sourceText: JSON.stringify(entry.ident),
    };
    if (entry.version !== undefined) pkg.version = entry.version;
    if (entry.resolved !== undefined) pkg.resolved = entry.resolved;
    lock.packages.push(pkg);
  }
  for (const [path, ws] of Object.entries(workspaces)) {
    if (!isObject(ws)) return emptyLock('bun', `workspace "${path}" is not an object`, where(path));
    const importer = importerOf(path, ws);
    const name = path === '' ? undefined : own(ws, 'name');
    for (const [dep, locked] of importer.deps) {
      const nested = typeof name === 'string' ? own(packages, `${name}/${dep}`) : undefined;
      const found = resolutionOf(nested ?? own(packages, dep));
      if ('error' in found) continue;
      if (found.local) locked.linked = true;
      // A workspace link installs that workspace: its version is the one its entry records.
      const target = found.workspace === undefined ? undefined : own(workspaces, found.workspace);
      const version = isObject(target) ? own(target, 'version') : found.version;
      if (typeof version === 'string') locked.version = version;
    }
    lock.importers.set(importer.path, importer);
  }
  // `catalog` and `catalogs` (Bun's BunLockFile type): each catalog's specifiers as the lock was
  // written from them, as the importer `catalog:<name>`; what each installs is its hoisted package.
  const catalogs: [string, unknown][] = [['default', own(data, 'catalog')]];
  const named = own(data, 'catalogs');
  if (isObject(named)) for (const [name, entries] of Object.entries(named)) catalogs.push([name, entries]);
  for (const [name, entries] of catalogs) {
    if (!isObject(entries)) continue;
    const importer = importerOf(`catalog:${name}`, { dependencies: entries });
    for (const [dep, locked] of importer.deps) {
      // Several catalogs can ask for several versions of one package (react17, react18): only
      // one is hoisted, the others nested under the workspaces using them. Then which copy this
      // catalog's users get is not read here: no version, so no range is judged against the wrong one.
      if (Object.keys(packages).some((k) => k.endsWith(`/${dep}`))) continue;
      const found = resolutionOf(own(packages, dep));
      if (!('error' in found) && found.version !== undefined) locked.version = found.version;
    }
    lock.importers.set(importer.path, importer);
  }
  return lock;
}

function importerOf(path: string, ws: Json): NpmLockImporter {
  const importer: NpmLockImporter = { path: path.replace(/^\.\//, ''), deps: new Map() };
  for (const section of NPM_SECTIONS) {
    const deps = own(ws, section);
    if (!isObject(deps)) continue;
    for (const [name, spec] of Object.entries(deps))
      if (typeof spec === 'string' && !importer.deps.has(name)) importer.deps.set(name, { spec, section });
  }
  return importer;
}

interface Resolved {
  ident: string;
  name: string;
  version?: string;
  /** Where it is fetched from (a URL, git, github:); undefined for a local tarball. */
  resolved?: string;
  /** A folder of the repository (workspace, `file:`, `link:`) or the root: nothing installed from afar. */
  local: boolean;
  /** A workspace's directory (its key under `workspaces`). */
  workspace?: string;
}

/** One `packages` entry's array, read by its first element as `Resolution.fromTextLockfile` reads it. */
function resolutionOf(value: unknown): Resolved | { error: string } {
  if (!Array.isArray(value) || typeof value[0] !== 'string')
    return { error: 'expected an array led by "name@resolution"' };
  const ident = value[0];
  const at = ident.indexOf('@', 1);
  if (at === -1) return { error: `"${ident}" is not "name@resolution"` };
  const name = ident.slice(0, at);
  const res = ident.slice(at + 1);
  if (res.startsWith('workspace:')) return { ident, name, local: true, workspace: res.slice(10) };
  if (/^(root|link|file):/.test(res)) return { ident, name, local: true };
  if (/^(github:|git\+|git:|git@|ssh:)/.test(res)) return { ident, name, resolved: res, local: false };
  if (/^https?:\/\//.test(res)) return { ident, name, resolved: res, local: false };
  if (/\.(tgz|tar\.gz|tar)$/.test(res) || /^\.{0,2}\//.test(res)) return { ident, name, local: false };
  if (!/^\d+\.\d+\.\d+/.test(res)) return { error: `"${res}" is not a resolution Bun writes` };
  const registry = value[1];
  if (typeof registry !== 'string') return { error: 'an npm package without its registry (a string)' };
  const base = name.slice(name.lastIndexOf('/') + 1);
  return {
    ident,
    name,
    version: res,
    resolved: registry === '' ? `${DEFAULT_REGISTRY}${name}/-/${base}-${res}.tgz` : registry,
    local: false,
  };
}
