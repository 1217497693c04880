import {
  berryDescriptor,
  berryToManifestSpec,
  yarnPatternName,
} from '../../../requirements/npm/yarn-lock.js';

/**
 * Where a Berry lock keeps a dependency the root's `resolutions` replace, and the range its
 * version is judged by. Berry's core reduceDependency hook swaps the manifest's descriptor for
 * `makeDescriptor(dependency, reference)` before resolving, so the lock keys the entry by the
 * resolution's descriptor (`"trim@npm:1.0.1"`, `"lodash@patch:lodash@npm%3A4.17.21#~/.yarn/patches/…"`)
 * and the manifest's own (`trim@npm:^0.0.1`) is in no key at all; the entries' `dependencies`
 * keep the manifest's range. A plain range or tag gains `npm:` as Berry's default protocol.
 *
 * undefined for a resolution to another protocol (git, file, link, portal, a URL): Berry binds
 * and encodes those its own way, so their keys are not predicted here.
 */
export interface BerryResolved {
  descriptor: string;
  /** The semver range the entry's version must meet: a patch's, its base's. */
  range: string | undefined;
}

export function berryResolved(
  name: string,
  spec: string,
  range: (spec: string) => string | undefined,
): BerryResolved | undefined {
  if (spec.startsWith('patch:')) {
    // `patch:trim@npm%3A1.0.1#<patch files>`: the base descriptor is URI-encoded before the `#`.
    const base = decode(spec.slice('patch:'.length).split('#')[0] ?? '');
    const source = base.slice(yarnPatternName(base).length + 1);
    return {
      descriptor: `${name}@${spec}`,
      range: source.startsWith('npm:') ? range(berryToManifestSpec(source)) : undefined,
    };
  }
  const other = /^[a-z][a-z0-9+.-]*:/i.test(spec) ? !spec.startsWith('npm:') : spec.includes('/');
  return other ? undefined : { descriptor: berryDescriptor(name, spec), range: range(spec) };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
