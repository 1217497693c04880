import type { NpmManifest } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import { validRange } from './semver-memo.js';
import semver from 'semver';

/**
 * Which overrides pnpm installs by, and why it reads none of the pair's other override fields.
 * pnpm takes one map from one file, the map it records as pnpm-lock.yaml's `overrides:`:
 *
 * - pnpm 11: pnpm-workspace.yaml's `overrides` only; it warns that "the "pnpm" field in
 *   package.json is no longer read" and reads no `resolutions` either (pnpm's 303ca410, "stop
 *   reading settings from the pnpm field of package.json"; pnpm11/config/reader/src/index.ts).
 * - pnpm before 11: the root package.json's `{...resolutions, ...pnpm.overrides}`
 *   (config/config/src/getOptionsFromRootManifest.ts) when that map has a key, else
 *   pnpm-workspace.yaml's `overrides` (pnpm 10.5 and later). The root's map wins whole, not key
 *   by key: the config reader puts the workspace file's map over it, but `pnpm install` spreads
 *   `getOptionsFromRootManifest` over the config again (pkg-manager/plugin-commands-installation
 *   src/installDeps.ts and recursive.ts), and only an empty map is dropped first. pnpm 10.34.9
 *   writes the root's `resolutions` alone as the lock's `overrides:` beside a workspace map.
 * - Never npm's top-level `overrides` field (pnpm/pnpm#5927, the maintainer: "It should be in
 *   pnpm.overrides, not overrides"; #7421 asks for it), nor a workspace package's package.json:
 *   pnpm reads the root manifest only (pnpm/pnpm#2946: "it only works on the root").
 *
 * Known for pnpm 11 when the root names it (`pnpm11`): the lock does not tell, pnpm 9, 10 and 11
 * all write `lockfileVersion: '9.0'`.
 */
type Override = NpmManifest['overrides'][number];

/** The root package.json's override fields pnpm read before pnpm 11, in the order it spread them. */
export const PNPM_MANIFEST_FIELDS = ['resolutions', 'pnpm.overrides'] as const;

/** The root names pnpm 11 or later: every version its `pnpmVersion` allows is 11 or later. */
export const pnpm11 = (root: NpmManifest | undefined): boolean => pnpmAtLeast(root, '11.0.0');

/**
 * The root names a pnpm that reads `"foo@": "<exact version>"` as a convergence override
 * (pnpm 11.13.0 on, pnpm's 5b8b1017 "add convergence overrides"): it rewrites only the edges whose
 * declared range that version satisfies. An earlier pnpm applies it to every edge (pnpm 11.12.0
 * run here installs ms 2.0.0 under `"ms@": 2.0.0` beside `ms: ^2.1.0`; 11.22.0 keeps 2.1.x).
 */
export const pnpmConverges = (root: NpmManifest | undefined): boolean => pnpmAtLeast(root, '11.13.0');

/** Every version the root's `pnpmVersion` allows is `version` or later. */
function pnpmAtLeast(root: NpmManifest | undefined, version: string): boolean {
  const range = root?.pnpmVersion === undefined ? null : validRange(root.pnpmVersion);
  if (range === null) return false;
  try {
    const min = semver.minVersion(range);
    return min !== null && semver.gte(min, version);
  } catch {
    return false;
  }
}

/** One override field's map as written (`field`: `overrides`, `resolutions`, `pnpm.overrides`); {} when absent or not an object. */
export function overrideMap(overrides: readonly Override[], field: string): Record<string, unknown> {
  const o = overrides.find((x) => x.key === field);
  if (!o) return {};
  try {
    const v = JSON.parse(o.text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The map pnpm installs by and the file it is written in; no file when pnpm reads none. */
export interface PnpmOverridesRead {
  file?: 'package.json' | 'pnpm-workspace.yaml';
  map: Record<string, unknown>;
}

/** `workspace`: pnpm-workspace.yaml's `overrides`, as that file's reader holds them. */
export function pnpmOverridesRead(
  root: NpmManifest | undefined,
  workspace: readonly Override[],
): PnpmOverridesRead {
  if (root && !pnpm11(root)) {
    const map = Object.assign({}, ...PNPM_MANIFEST_FIELDS.map((f) => overrideMap(root.overrides, f)));
    if (Object.keys(map).length > 0) return { file: 'package.json', map };
  }
  const map = overrideMap(workspace, 'overrides');
  return Object.keys(map).length > 0 ? { file: 'pnpm-workspace.yaml', map } : { map: {} };
}

/**
 * Why pnpm does not read the override field `key` of `at` (a package.json of the pair), or of
 * pnpm-workspace.yaml when `at` is undefined; undefined when pnpm reads it. Said as a clause a
 * finding ends with.
 */
export function pnpmIgnores(
  key: string,
  at: NpmManifestFile | undefined,
  root: NpmManifest | undefined,
  workspace: readonly Override[],
): string | undefined {
  const read = pnpmOverridesRead(root, workspace);
  if (!at)
    return read.file === 'package.json'
      ? "pnpm before 11 reads the root package.json's `resolutions` and `pnpm.overrides` instead, which replace this file's `overrides` whole"
      : undefined;
  if (key === 'overrides')
    return "pnpm reads no top-level `overrides` (npm's field): its overrides are pnpm-workspace.yaml's `overrides`, and before pnpm 11 the root package.json's `pnpm.overrides` and `resolutions`";
  if (at.importer !== '') return 'pnpm reads overrides from the root package.json only';
  if (pnpm11(root))
    return 'pnpm 11, the version the root package.json names, reads overrides from pnpm-workspace.yaml only';
  return undefined;
}
