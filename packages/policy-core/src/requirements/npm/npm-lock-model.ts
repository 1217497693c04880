import type { NpmSection } from './npm-manifest.js';

/**
 * What an npm-family lock (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, bun.lock) says, in
 * one shape for every format, as a requirements lock's entries are one shape for pip, uv and
 * Poetry: per importer (the root project and each workspace, by its directory relative to the
 * lock) the dependencies it was resolved from, with the specifier the lock recorded and the
 * version it installs; and every package the lock installs.
 */
export interface NpmLockDependency {
  /** The specifier the lock recorded from the manifest when it was last written. */
  spec: string;
  section: NpmSection;
  /** The version installed for it (a link's target's version; undefined when none is). */
  version?: string;
  /** Installed as a link to a directory of the repository (a workspace, `file:`/`link:`). */
  linked?: boolean;
}

export interface NpmLockImporter {
  /** Directory relative to the lock's, `''` for the lock's own. */
  path: string;
  deps: Map<string, NpmLockDependency>;
}

/** One package the lock installs. */
export interface NpmLockPackage {
  name: string;
  version?: string;
  /** Where it is fetched from: a registry tarball, a git or other URL; absent for links. */
  resolved?: string;
  /**
   * It runs install scripts (`hasInstallScript`, pnpm's `requiresBuild`); in bun.lock, Bun may run
   * them: the lock's `trustedDependencies` names it (Bun records no scripts).
   */
  installScript: boolean;
  /** The source as the lock's text spells it, where that differs from `resolved` (a finding points at it). */
  sourceText?: string;
}

/** The npm-family lock formats, one reader each (npm-lock-entries.ts `readNpmFamilyLock`). */
export type NpmLockFormat = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface NpmLock {
  format: NpmLockFormat;
  /** yarn.lock: classic (v1) or Berry (Yarn 2+), whose descriptors are spelled differently. */
  yarn?: 'classic' | 'berry';
  importers: Map<string, NpmLockImporter>;
  packages: NpmLockPackage[];
  /**
   * yarn.lock: each `name@specifier` the lock resolves (a header's comma-joined patterns one by
   * one), and what it installs for it. A manifest's dependency with no descriptor here is one the
   * lock never resolved: the manifest moved without it.
   */
  descriptors?: Map<string, NpmLockPackage>;
  /**
   * pnpm-lock.yaml: the overrides it was written under, its top-level `overrides:` (empty when it
   * has none). pnpm's frozen install refuses a lock whose map is not the one pnpm reads now
   * (ERR_PNPM_LOCKFILE_CONFIG_MISMATCH, lockfile/settings-checker). A `catalog:` value is written
   * as the catalog's specifier, so an entry overridden through a catalog is recorded here, not under
   * `catalogs` (npm-drift.ts).
   */
  overrides?: ReadonlyMap<string, string>;
  /** Why the lock could not be read, at an offset of its text; importers and packages then are empty. */
  error?: { message: string; offset: number };
}

export function emptyLock(format: NpmLock['format'], message: string, offset: number): NpmLock {
  return { format, importers: new Map(), packages: [], error: { message, offset } };
}

/** `npm:real@^1` (an alias): the package really installed, else the name itself. */
export function aliasTarget(spec: string): string | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.indexOf('@', 1);
  return at === -1 ? rest : rest.slice(0, at);
}
