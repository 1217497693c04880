import { satisfies, validVersion } from './semver-memo.js';
import type { NpmLock } from '../../../requirements/npm/npm-lock-model.js';
import { berryDescriptors } from '../../../requirements/npm/yarn-lock.js';
import type { NpmDrift } from './npm-drift-kind.js';
import type { NpmDeclared } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-pair-facts.js';
import { overridePin } from './override-pins.js';
import { berryResolved } from './berry-resolution.js';

/**
 * Where package.json files and their yarn.lock part, as `yarn install --frozen-lockfile`
 * (`--immutable` for Berry) sees it: a declared `name@specifier` the lock has no entry for is
 * `missing` (the manifest moved without the lock, whatever the version); an entry whose version
 * the range does not allow is `outside`; a Berry workspace entry still listing a dependency its
 * manifest dropped is `unrequired` (classic locks keep no per-workspace record, so only Berry).
 * A dependency the root's `resolutions` force is judged against the resolution (override-pins.ts):
 * classic lists the manifest's pattern beside the resolution's on one entry, Berry keys the
 * entry by the resolution's descriptor alone (berry-resolution.ts), and a lock without that
 * entry is `missing` as a moved range is.
 * Not judged, so never a false alarm: peer dependencies, a workspace's own packages (yarn links
 * them, the lock may not list them), a resolution to no version range, and in a Berry lock
 * specifiers it rewrites (git, URLs, `patch:`, paths carry its own encodings), and the
 * declarations of a name declared twice that Yarn ignores (`ignored`, npm-declared-twice.ts).
 */
export function yarnDrift(
  lock: NpmLock,
  manifests: NpmManifestFile[],
  range: (spec: string) => string | undefined,
  ignored: ReadonlySet<NpmDeclared> = new Set(),
): NpmDrift[] {
  const out: NpmDrift[] = [];
  const descriptors = lock.descriptors ?? new Map();
  const local = new Set(manifests.map((m) => m.manifest.name).filter((n) => n !== undefined));
  const berry = lock.yarn === 'berry';
  for (const m of manifests) {
    const importer = lock.importers.get(m.importer);
    const declaredNames = new Set<string>();
    for (const d of m.manifest.declared) {
      declaredNames.add(d.name);
      if (d.section === 'peerDependencies' || d.spec === '' || local.has(d.name) || ignored.has(d)) continue;
      const pin = overridePin('yarn', manifests, m, d);
      if (pin === 'unjudged') continue;
      if (/^(link|workspace):/.test(d.spec)) continue;
      if (berry && (/^[a-z][a-z0-9+.-]*:/i.test(d.spec) ? !d.spec.startsWith('npm:') : d.spec.includes('/')))
        continue;
      // Berry: `npm:` before a range or tag, and a tag also bare as older Berry wrote it (yarn-lock.ts).
      const spellings = berry ? berryDescriptors(d.name, d.spec) : [`${d.name}@${d.spec}`];
      const descriptor = spellings[0] as string;
      // Berry keys what a resolution replaces by the resolution's descriptor (berry-resolution.ts).
      const via = berry && pin ? berryResolved(d.name, pin.spec, range) : undefined;
      const viaPkg = via && descriptors.get(via.descriptor);
      const pkg = viaPkg ?? spellings.map((s) => descriptors.get(s)).find((p) => p !== undefined);
      if (!pkg) {
        if (!pin) out.push({ kind: 'missing', at: m, declared: d, descriptor });
        else if (via)
          out.push({ kind: 'missing', at: m, declared: d, descriptor: via.descriptor, override: pin });
        continue;
      }
      const r = viaPkg ? via?.range : range(pin?.spec ?? d.spec);
      const version = pkg.version && validVersion(pkg.version);
      if (r && version && !satisfies(version, r))
        out.push({
          kind: 'outside',
          at: m,
          declared: d,
          locked: { spec: d.spec, section: d.section, version },
          range: r,
          ...(pin ? { override: pin } : {}),
        });
    }
    for (const [name, locked] of importer?.deps ?? [])
      if (!declaredNames.has(name) && locked.section !== 'peerDependencies')
        out.push({ kind: 'unrequired', at: m, name, locked });
  }
  return out;
}
