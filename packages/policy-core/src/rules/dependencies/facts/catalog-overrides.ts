import type { NpmLock } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import { type OverrideEntry, pnpmOverride, type WorkspaceOverrides } from './override-pins.js';

/**
 * pnpm: the overrides that take a catalog's entry out of the lock's `catalogs`, when `at` is that
 * catalog (importer `catalog:<name>`, npm-catalogs.ts) and `d` one of its entries: the entry of the
 * map pnpm reads (pnpmOverride) that applies to each package.json asking `catalog:<name>` for it,
 * when every one has one the lock's `overrides` records; undefined when one still resolves it
 * through the catalog, or the lock was not written under them.
 *
 * Whatever the override's value, pnpm's read-package hook (hooks/read-package-hook
 * createVersionsOverrider) rewrites the importer's `catalog:` to it before the resolver looks the
 * catalog up, and getCatalogSnapshots (installing/deps-resolver) lists only the dependencies
 * resolved through a catalog. A key matches `catalog:` as pnpm matches it (isIntersectingRange):
 * `ms` and `@shop/util>ms` do, `ms@^2` does not (no range meets `catalog:`), nor does a
 * convergence override `ms@` (it leaves every `catalog:` alone).
 */
export function catalogOverrides(
  lock: NpmLock,
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
  workspace?: WorkspaceOverrides,
): OverrideEntry[] | undefined {
  if (!at.importer.startsWith('catalog:')) return undefined;
  const catalog = at.importer.slice('catalog:'.length);
  const root = manifests.find((m) => m.importer === '')?.manifest;
  const out: OverrideEntry[] = [];
  for (const m of manifests) {
    if (m.importer.startsWith('catalog:')) continue;
    for (const e of m.manifest.declared) {
      if (e.name !== d.name || e.section === 'peerDependencies' || catalogOf(e.spec) !== catalog) continue;
      const found = pnpmOverride(root, m.manifest, e, workspace)?.found;
      if (!found || lock.overrides?.get(found.key) === undefined) return undefined;
      out.push(found);
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * pnpm: whether catalog entry `d` of `at` decides nothing pnpm installs or records. Every importer
 * asking the catalog for it is overridden (catalogOverrides) by an override that does not itself
 * ask this catalog (`ms: 'catalog:'` resolves to the entry, so the lock's `overrides` records its
 * specifier). Such an entry is in no part of the lock, and pnpm's frozen install compares only
 * the `catalogs` entries a lock lists with the workspace's (lockfile/verification
 * allCatalogsAreUpToDate), so editing it needs no relock.
 */
export function catalogEntryInert(
  lock: NpmLock,
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
  workspace?: WorkspaceOverrides,
): boolean {
  const hidden = catalogOverrides(lock, manifests, at, d, workspace);
  return hidden !== undefined && !hidden.some((e) => asksCatalog(e.value, at));
}

/** Whether `spec` is a `catalog:` specifier asking `at`, a catalog (importer `catalog:<name>`). */
export function asksCatalog(spec: unknown, at: NpmManifestFile): boolean {
  const name = catalogOf(spec);
  return name !== undefined && `catalog:${name}` === at.importer;
}

/** The catalog a `catalog:` specifier asks (`default` for `catalog:`); undefined for any other specifier. */
export function catalogOf(spec: unknown): string | undefined {
  if (typeof spec !== 'string' || !spec.startsWith('catalog:')) return undefined;
  return spec.slice('catalog:'.length).trim() || 'default';
}

/**
 * pnpm: whether an override `-` the lock was written under removes `d` from `at`'s dependencies
 * (createVersionsOverrider deletes the dependency), so the lock rightly has no entry for it.
 */
export function removedByOverride(
  lock: NpmLock,
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
  workspace?: WorkspaceOverrides,
): boolean {
  if (at.importer.startsWith('catalog:')) return false;
  const root = manifests.find((m) => m.importer === '')?.manifest;
  const found = pnpmOverride(root, at.manifest, d, workspace)?.found;
  return found?.value === '-' && lock.overrides?.get(found.key) === '-';
}
