import type { DepFile } from '../../../requirements/dep-file.js';
import type { NpmManifest } from '../../../requirements/npm/npm-manifest.js';
import { readPnpmWorkspace } from '../../../requirements/npm/pnpm-workspace.js';
import type { NpmManifestFile } from './npm-manifest-file.js';

/**
 * pnpm's catalogs as the dependency rules judge them: each catalog of pnpm-workspace.yaml that a
 * package.json uses (`"react": "catalog:"` is the catalog `default`, `catalog:<name>` another) is
 * one more manifest of the pair, importer `catalog:<name>`, declaring the entries the manifests
 * use; the lock's `catalogs` are its importer entries (pnpm-lock.ts). So a catalog bumped without
 * the lock is DEP012/DEP003 on the catalog's line, as a package.json's would be, and DEP013 on a
 * change. An entry no manifest uses is left out: pnpm records only the entries in use.
 */
export function catalogManifests(file: DepFile, manifests: readonly NpmManifestFile[]): NpmManifestFile[] {
  const used = new Map<string, Set<string>>();
  for (const m of manifests)
    for (const d of m.manifest.declared) {
      if (!d.spec.startsWith('catalog:')) continue;
      const name = d.spec.slice('catalog:'.length).trim() || 'default';
      const names = used.get(name) ?? new Set<string>();
      used.set(name, names);
      names.add(d.name);
    }
  const out: NpmManifestFile[] = [];
  for (const [name, names] of used) {
    const reread = (text: string) => catalogManifest(text, name, names);
    const manifest = reread(file.text);
    if (manifest.declared.length > 0) out.push({ importer: `catalog:${name}`, file, manifest, reread });
  }
  return out;
}

/** One catalog of a pnpm-workspace.yaml text as a manifest: the entries `names` use. */
function catalogManifest(text: string, catalog: string, names: ReadonlySet<string>): NpmManifest {
  const workspace = readPnpmWorkspace(text);
  const key = workspace.catalogKeys.get(catalog);
  return {
    declared: workspace.catalogs.filter((d) => d.catalog === catalog && names.has(d.name)),
    sectionKeys: key ? { dependencies: key } : {},
    workspaces: [],
    overrides: [],
  };
}
