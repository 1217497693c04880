import type { NpmLockDependency } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-pair-facts.js';
import type { OverridePin } from './override-pins.js';

/**
 * Where a manifest and its lock part, as npm itself would see it (`npm ls --package-lock-only`):
 * - `missing`: the manifest declares a dependency the lock's importer entry does not (DEP003);
 * - `outside`: the lock installs a version the manifest's range does not allow, or the root's
 *   override of it where one applies (DEP012);
 * - `unrequired`: the importer entry still lists a dependency the manifest no longer declares (DEP005).
 * A range the locked version satisfies is agreement even when the lock recorded another specifier
 * (npm ci installs it as it is); that the declarations changed without the lock is DEP013's, on
 * a change. Peer dependencies are not installed by every manager: only DEP013 reads them.
 * yarn.lock is matched by its `name@specifier` entries instead (yarn-drift.ts).
 */
export type NpmDrift =
  | {
      kind: 'missing';
      at: NpmManifestFile;
      declared: NpmDeclared;
      descriptor?: string;
      /** The root's override the descriptor came from, when one applies (override-pins.ts). */
      override?: OverridePin;
      /** A `catalog:` specifier no catalog of this file defines (pnpm-workspace.yaml, Bun's package.json). */
      catalogSource?: string;
    }
  | {
      kind: 'outside';
      at: NpmManifestFile;
      declared: NpmDeclared;
      locked: NpmLockDependency;
      range: string;
      /** The root's override the range came from, when one applies (override-pins.ts). */
      override?: OverridePin;
      /** The root package.json's override pnpm 11 does not read, when there is one (override-pins.ts). */
      overrideNotRead?: OverridePin;
    }
  | { kind: 'unrequired'; at: NpmManifestFile; name: string; locked: NpmLockDependency };
