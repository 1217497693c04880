import semver from 'semver';
import { aliasTarget, type NpmLockDependency } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-pair-facts.js';
import type { PairFacts } from './pair-facts.js';
import { yarnDrift } from './yarn-drift.js';

/**
 * Where a manifest and its lock part, as npm itself would see it (`npm ls --package-lock-only`):
 * - `missing`: the manifest declares a dependency the lock's importer entry does not (DEP003);
 * - `outside`: the lock installs a version the manifest's range does not allow (DEP012);
 * - `unrequired`: the importer entry still lists a dependency the manifest no longer declares (DEP005).
 * A range the locked version satisfies is agreement even when the lock recorded another specifier
 * (npm ci installs it as it is); that the declarations changed without the lock is DEP013's, on
 * a change. Peer dependencies are not installed by every manager: only DEP013 reads them.
 * yarn.lock is matched by its `name@specifier` entries instead (yarn-drift.ts).
 */
export type NpmDrift =
  | { kind: 'missing'; at: NpmManifestFile; declared: NpmDeclared; descriptor?: string }
  | { kind: 'outside'; at: NpmManifestFile; declared: NpmDeclared; locked: NpmLockDependency; range: string }
  | { kind: 'unrequired'; at: NpmManifestFile; name: string; locked: NpmLockDependency };

const memo = new WeakMap<PairFacts, NpmDrift[]>();

export function npmDrift(facts: PairFacts): NpmDrift[] {
  let out = memo.get(facts);
  if (out) return out;
  out = [];
  const lock = facts.npm?.lock;
  if (lock?.format === 'yarn') out.push(...yarnDrift(lock, facts.npm?.manifests ?? [], semverRange));
  else if (lock)
    for (const m of facts.npm?.manifests ?? []) {
      const importer = lock.importers.get(m.importer);
      const declaredNames = new Set<string>();
      for (const d of m.manifest.declared) {
        declaredNames.add(d.name);
        if (d.section === 'peerDependencies') continue;
        const locked = importer?.deps.get(d.name);
        if (!locked) {
          out.push({ kind: 'missing', at: m, declared: d });
          continue;
        }
        const range = semverRange(d.spec);
        if (range === undefined || locked.linked || locked.version === undefined) continue;
        const version = semver.valid(locked.version, { loose: true });
        if (version && !semver.satisfies(version, range, { loose: true, includePrerelease: false }))
          out.push({ kind: 'outside', at: m, declared: d, locked, range });
      }
      for (const [name, locked] of importer?.deps ?? [])
        if (!declaredNames.has(name) && locked.section !== 'peerDependencies')
          out.push({ kind: 'unrequired', at: m, name, locked });
    }
  memo.set(facts, out);
  return out;
}

/**
 * The semver range a specifier asks for, when it is one (`^1.2.0`, `1.x`, `>=2 <3`, an alias's
 * `npm:real@^1`); undefined for a tag (`latest`), git, URL, `file:`, `link:`, `workspace:`.
 */
export function semverRange(spec: string): string | undefined {
  const s = aliasTarget(spec) !== undefined ? spec.slice(spec.lastIndexOf('@') + 1) : spec;
  if (s === '' || s === '*' || s === 'latest') return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.includes('/')) return undefined;
  return semver.validRange(s, { loose: true }) ?? undefined;
}
