import { aliasTarget } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDrift } from './npm-drift-kind.js';
import type { PairFacts } from './pair-facts.js';
import { satisfies, validRange, validVersion } from './semver-memo.js';
import { yarnDrift } from './yarn-drift.js';
import { ignoredDeclarations } from './npm-declared-twice.js';
import { overrideNotRead, overridePin, type WorkspaceOverrides } from './override-pins.js';
import { asksCatalog, catalogOverrides, removedByOverride } from './catalog-overrides.js';
import type { NpmLock } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';

export type { NpmDrift } from './npm-drift-kind.js';

const memo = new WeakMap<PairFacts, NpmDrift[]>();

export function npmDrift(facts: PairFacts): NpmDrift[] {
  let out = memo.get(facts);
  if (out) return out;
  out = [];
  const lock = facts.npm?.lock;
  const manifests = facts.npm?.manifests ?? [];
  // A name declared in two sections is judged by the one the tool installs (DEP007 says the other).
  const ignored = ignoredDeclarations(facts);
  if (lock?.format === 'yarn') out.push(...yarnDrift(lock, manifests, semverRange, ignored));
  else if (lock) {
    const ws = facts.npm?.pnpmWorkspace;
    const workspace = ws && { path: ws.file.path, overrides: ws.workspace.overrides };
    for (const m of manifests) {
      const importer = lock.importers.get(m.importer);
      const declaredNames = new Set<string>();
      for (const d of m.manifest.declared) {
        declaredNames.add(d.name);
        if (d.section === 'peerDependencies' || ignored.has(d)) continue;
        if (!inCatalog(facts, d)) {
          out.push({
            kind: 'missing',
            at: m,
            declared: d,
            catalogSource: facts.npm?.catalogSource as string,
          });
          continue;
        }
        const locked = importer?.deps.get(d.name);
        if (!locked) {
          // A pnpm override `-` removes the dependency; a catalog entry overridden wherever it is
          // asked for is in the lock's `overrides`, not its `catalogs` (catalog-overrides.ts).
          if (lock.format === 'pnpm' && removedByOverride(lock, manifests, m, d, workspace)) continue;
          const overridden =
            lock.format === 'pnpm' ? viaOverride(lock, manifests, m, d, workspace) : undefined;
          if (overridden === 'agrees') continue;
          if (overridden) out.push(overridden);
          else out.push({ kind: 'missing', at: m, declared: d });
          continue;
        }
        // The root's override, where one applies, is what the tool installs by (override-pins.ts).
        const pin = overridePin(lock.format, manifests, m, d, workspace);
        if (pin === 'unjudged') continue;
        const range = semverRange(pin?.spec ?? d.spec);
        if (range === undefined || locked.linked || locked.version === undefined) continue;
        const version = validVersion(locked.version);
        if (version && !satisfies(version, range)) {
          // One pnpm 11 does not read is said, as the likely reason the lock differs.
          const notRead = pin ? undefined : overrideNotRead(lock.format, manifests, m, d);
          out.push({
            kind: 'outside',
            at: m,
            declared: d,
            locked,
            range,
            ...(pin ? { override: pin } : {}),
            ...(notRead ? { overrideNotRead: notRead } : {}),
          });
        }
      }
      // A catalog's entries are the ones manifests use (npm-catalogs.ts): one the lock still
      // records that none uses is pnpm's to drop, not a dependency still installed.
      if (m.importer.startsWith('catalog:')) continue;
      for (const [name, locked] of importer?.deps ?? [])
        if (!declaredNames.has(name) && locked.section !== 'peerDependencies')
          out.push({ kind: 'unrequired', at: m, name, locked });
    }
  }
  memo.set(facts, out);
  return out;
}

/**
 * A catalog entry that pnpm overrides wherever it is asked for (catalog-overrides.ts). Where the
 * override is another specifier, the catalog's decides nothing pnpm installs: agreement (the
 * importers are held to the override on their own lines, override-pins.ts). Where it is
 * `catalog:` of this catalog, the entry is held to what the lock's `overrides` recorded for that
 * key: the catalog's own specifier is agreement; another one (the catalog moved, the lock did
 * not) is `outside` when the version the importers asking `catalog:` for it install (else the
 * recorded pin itself) is outside the catalog's range, and agreement otherwise (DEP013 says the
 * change, as for a range a package.json moved). undefined when an importer still asks the
 * catalog for it, or the lock records no such override: the entry is then missing from the lock.
 */
function viaOverride(
  lock: NpmLock,
  manifests: readonly NpmManifestFile[],
  m: NpmManifestFile,
  d: NpmDeclared,
  workspace: WorkspaceOverrides | undefined,
): NpmDrift | 'agrees' | undefined {
  const hidden = catalogOverrides(lock, manifests, m, d, workspace);
  if (!hidden) return undefined;
  // A `catalog:` specifier (or `catalog:<name>`) asking this catalog.
  const asks = (spec: unknown) => asksCatalog(spec, m);
  const through = hidden.find((e) => asks(e.value));
  const recorded = through && lock.overrides?.get(through.key);
  if (recorded === undefined) return 'agrees';
  if (recorded === d.spec) return 'agrees';
  const range = semverRange(d.spec);
  // The importer of a package.json asking the catalog for it: what it installs.
  const user = manifests.find((x) =>
    x.manifest.declared.some((e) => e.name === d.name && e.section !== 'peerDependencies' && asks(e.spec)),
  );
  const installed = user && lock.importers.get(user.importer)?.deps.get(d.name);
  const pinned = validVersion(recorded.slice(recorded.lastIndexOf('@') + 1));
  const version = installed?.version ?? pinned ?? undefined;
  if (range === undefined || version === undefined || installed?.linked) return 'agrees';
  const valid = validVersion(version);
  if (!valid || satisfies(valid, range)) return 'agrees';
  return {
    kind: 'outside',
    at: m,
    declared: d,
    locked: { spec: recorded, section: d.section, version },
    range,
  };
}

/**
 * Whether a `catalog:` specifier finds its entry in the pair's catalogs (npm-catalogs.ts made a
 * manifest of each catalog in use, holding the entries that exist); true for any other specifier
 * and where the lock's tool has no catalogs Slipway reads.
 */
function inCatalog(facts: PairFacts, d: { name: string; spec: string }): boolean {
  if (!d.spec.startsWith('catalog:') || facts.npm?.catalogSource === undefined) return true;
  const importer = `catalog:${d.spec.slice('catalog:'.length).trim() || 'default'}`;
  return (facts.npm.manifests.find((x) => x.importer === importer)?.manifest.declared ?? []).some(
    (e) => e.name === d.name,
  );
}

/**
 * The semver range a specifier asks for, when it is one (`^1.2.0`, `1.x`, `>=2 <3`, an alias's
 * `npm:real@^1`); undefined for a tag (`latest`), git, URL, `file:`, `link:`, `workspace:`.
 */
export function semverRange(spec: string): string | undefined {
  const s = aliasTarget(spec) !== undefined ? spec.slice(spec.lastIndexOf('@') + 1) : spec;
  if (s === '' || s === '*' || s === 'latest') return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.includes('/')) return undefined;
  return validRange(s) ?? undefined;
}
