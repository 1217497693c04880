import { parseJsonWithRanges } from '../../deploy/json-with-ranges.js';
import { emptyLock, type NpmLock, type NpmLockImporter, type NpmLockPackage } from './npm-lock-model.js';
import { NPM_SECTIONS } from './npm-manifest.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads package-lock.json or npm-shrinkwrap.json, lockfileVersion 2 or 3: its `packages` map,
 * keyed by install path (`''` the root, `packages/a` a workspace, `node_modules/x`,
 * `packages/a/node_modules/x`). A key that is not under `node_modules/` is an importer, whose
 * entry copies its manifest's dependency sections; what it installs for each dependency is found
 * as Node finds it, walking up the `node_modules` folders from the importer. Version 1 locks
 * (npm 6 and older) have no `packages` map: one error asks for a current lock.
 */
export function readPackageLock(text: string): NpmLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Only a broken lock pays for the parse that says where it breaks.
    const careful = parseJsonWithRanges(text);
    return careful.ok
      ? emptyLock('npm', 'not JSON', 0)
      : emptyLock('npm', `not valid JSON: ${careful.message}`, careful.offset);
  }
  if (!isObject(data)) return emptyLock('npm', 'expected a JSON object', 0);
  const packages = data.packages;
  if (!isObject(packages)) {
    const v = data.lockfileVersion;
    return emptyLock(
      'npm',
      v === 1
        ? 'lockfileVersion 1 (npm 6) has no `packages` map that names what each workspace declared; regenerate it with npm 7 or later'
        : 'has no `packages` map (lockfileVersion 2 or 3 expected)',
      Math.max(0, text.indexOf('"lockfileVersion"')),
    );
  }
  const lock: NpmLock = { format: 'npm', importers: new Map(), packages: [] };
  const keys = Object.keys(packages);
  for (const key of keys) {
    const entry = packages[key];
    if (!isObject(entry)) continue;
    const nm = key.lastIndexOf('node_modules/');
    if (nm === -1) {
      if (entry.link !== true) lock.importers.set(key, importerOf(key, entry));
      continue;
    }
    if (entry.link === true) continue;
    const name = typeof entry.name === 'string' ? entry.name : key.slice(nm + 'node_modules/'.length);
    const pkg: NpmLockPackage = { name, installScript: entry.hasInstallScript === true };
    if (typeof entry.version === 'string') pkg.version = entry.version;
    if (typeof entry.resolved === 'string') pkg.resolved = entry.resolved;
    lock.packages.push(pkg);
  }
  for (const importer of lock.importers.values())
    for (const [name, dep] of importer.deps) {
      const found = installed(packages, importer.path, name);
      if (!found) continue;
      if (found.link === true && typeof found.resolved === 'string') {
        dep.linked = true;
        const target = packages[found.resolved];
        if (isObject(target) && typeof target.version === 'string') dep.version = target.version;
      } else if (typeof found.version === 'string') dep.version = found.version;
    }
  return lock;
}

function importerOf(path: string, entry: Json): NpmLockImporter {
  const importer: NpmLockImporter = { path, deps: new Map() };
  for (const section of NPM_SECTIONS) {
    const deps = entry[section];
    if (!isObject(deps)) continue;
    for (const [name, spec] of Object.entries(deps))
      if (typeof spec === 'string' && !importer.deps.has(name)) importer.deps.set(name, { spec, section });
  }
  return importer;
}

/** The entry Node would load for `name` required from `dir`: the nearest `node_modules/name` up the tree. */
function installed(packages: Json, dir: string, name: string): Json | undefined {
  let d = dir;
  for (;;) {
    const hit = packages[d === '' ? `node_modules/${name}` : `${d}/node_modules/${name}`];
    if (isObject(hit)) return hit;
    if (d === '') return undefined;
    const slash = d.lastIndexOf('/');
    d = slash === -1 ? '' : d.slice(0, slash);
    // `a/node_modules/b` climbs to `a`, never to `a/node_modules`.
    if (d.endsWith('/node_modules')) d = d.slice(0, -'/node_modules'.length);
  }
}
