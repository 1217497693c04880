import { canonicalJson } from './json-members.js';
import { type NpmDeclared, type NpmManifest, readNpmManifest } from './npm-manifest.js';

/**
 * A package.json's dependency declarations as data: each (section, name, specifier), sorted, and
 * `overrides`/`resolutions` by their JSON value. A reordered section, a `scripts` entry or the
 * package's own version leave it as it was.
 */
export function npmDeclarationsSignature(m: Pick<NpmManifest, 'declared' | 'overrides'>): string {
  return JSON.stringify([
    m.declared.map(npmDeclaredIdentity).sort(),
    m.overrides.map((o) => `${o.key}=${canonicalJson(o.text)}`),
  ]);
}

export const npmDeclaredIdentity = (d: NpmDeclared): string => `${d.section}\u0000${d.name}\u0000${d.spec}`;

/**
 * Whether two texts of a package.json declare the same dependencies (Bun's catalogs in a root
 * package.json included); a text that is not a JSON object is compared as text.
 */
export function sameNpmDeclarations(before: string, after: string): boolean {
  const a = readNpmManifest(before);
  const b = readNpmManifest(after);
  if (a.error || b.error) return before === after;
  const catalogs = (m: NpmManifest) => (m.catalogs?.entries ?? []).map(npmDeclaredIdentity).sort().join('\n');
  return npmDeclarationsSignature(a) === npmDeclarationsSignature(b) && catalogs(a) === catalogs(b);
}
