import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import { pnpmOverride, type WorkspaceOverrides } from './override-pins.js';

/**
 * pnpm: the override key that puts a catalog's entry over every dependency of its name
 * (`overrides: {copyfiles: 'catalog:'}`), when `at` is that catalog (importer `catalog:<name>`,
 * npm-catalogs.ts), `d` one of its entries, and the key is in the map pnpm reads (pnpmOverride:
 * before pnpm 11 the root package.json's wins over pnpm-workspace.yaml's). pnpm's parseOverrides
 * (config/parse-overrides) resolves the `catalog:` value to the catalog's specifier, the lock's
 * `overrides` records that specifier under the key (createOverridesMapFromParsed;
 * pnpm-lock-overrides.ts writes the same), and the importers then ask for the specifier itself,
 * so no importer resolves the entry through the catalog and getCatalogSnapshots leaves it out of
 * the lock's `catalogs`.
 */
export function catalogOverrideKey(
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
  workspace?: WorkspaceOverrides,
): string | undefined {
  if (!at.importer.startsWith('catalog:')) return undefined;
  const catalog = at.importer.slice('catalog:'.length);
  const root = manifests.find((m) => m.importer === '')?.manifest;
  const found = pnpmOverride(root, at.manifest, d, workspace)?.found;
  if (typeof found?.value !== 'string' || !found.value.startsWith('catalog:')) return undefined;
  return (found.value.slice('catalog:'.length).trim() || 'default') === catalog ? found.key : undefined;
}
