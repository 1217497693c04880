import type { DepFile } from '../../../requirements/dep-file.js';
import {
  type NpmDeclared,
  type NpmManifest,
  readNpmManifest,
} from '../../../requirements/npm/npm-manifest.js';
import { readPnpmWorkspace } from '../../../requirements/npm/pnpm-workspace.js';
import type { NpmManifestFile } from './npm-manifest-file.js';

/**
 * Catalogs as the dependency rules judge them (pnpm's in pnpm-workspace.yaml, Bun's in the root
 * package.json, `read` says which): each catalog that a package.json uses (`"react": "catalog:"` is the catalog `default`, `catalog:<name>` another) is
 * one more manifest of the pair, importer `catalog:<name>`, declaring the entries the manifests
 * use; the lock's catalogs are its importer entries (pnpm-lock.ts, bun-lock.ts). So a catalog
 * bumped without the lock is DEP012/DEP003 on the catalog's line, as a package.json's would be,
 * and DEP013 on a change. An entry no manifest uses is left out: pnpm records only the entries in use.
 */
export function catalogManifests(
  file: DepFile,
  manifests: readonly NpmManifestFile[],
  read: (text: string) => CatalogEntries = pnpmCatalogs,
): NpmManifestFile[] {
  const used = new Map<string, Set<string>>();
  for (const m of manifests)
    for (const d of m.manifest.declared) {
      // A peer is the host's to install: not asked of the lock's catalogs (as for importers).
      if (!d.spec.startsWith('catalog:') || d.section === 'peerDependencies') continue;
      const name = d.spec.slice('catalog:'.length).trim() || 'default';
      const names = used.get(name) ?? new Set<string>();
      used.set(name, names);
      names.add(d.name);
    }
  const out: NpmManifestFile[] = [];
  for (const [name, names] of used) {
    const reread = (text: string) => catalogManifest(read(text), name, names);
    const manifest = reread(file.text);
    if (manifest.declared.length > 0) out.push({ importer: `catalog:${name}`, file, manifest, reread });
  }
  return out;
}

/** Every catalog entry a file declares, and where each catalog's key stands. */
export interface CatalogEntries {
  entries: readonly NpmDeclared[];
  keys: ReadonlyMap<string, { start: number; end: number }>;
}

/** pnpm-workspace.yaml's catalogs. */
function pnpmCatalogs(text: string): CatalogEntries {
  const w = readPnpmWorkspace(text);
  return { entries: w.catalogs, keys: w.catalogKeys };
}

/** A root package.json's catalogs, as Bun reads them. */
export function bunCatalogs(text: string): CatalogEntries {
  return readNpmManifest(text).catalogs ?? { entries: [], keys: new Map() };
}

/** One catalog as a manifest: the entries `names` use. */
function catalogManifest(all: CatalogEntries, catalog: string, names: ReadonlySet<string>): NpmManifest {
  const key = all.keys.get(catalog);
  return {
    declared: all.entries.filter((d) => d.catalog === catalog && names.has(d.name)),
    sectionKeys: key ? { dependencies: key } : {},
    workspaces: [],
    overrides: [],
  };
}
