import type { NpmDeclared, NpmManifest } from '../../../requirements/npm/npm-manifest.js';
import type { PnpmOverridesRead } from './pnpm-overrides-read.js';

/**
 * The `overrides:` pnpm writes into pnpm-lock.yaml for the map it reads (pnpm-overrides-read.ts),
 * and checks a lock against before a frozen install: each selector as written, its specifier as
 * pnpm resolves it. A `$foo` is the root package.json's specifier for foo (its devDependencies,
 * then dependencies, then optionalDependencies, the later winning: getOptionsFromRootManifest.ts
 * createVersionReferencesReplacer), then a `catalog:` or `catalog:<name>` is that catalog's entry
 * for the selector's package (config/parse-overrides, resolveFromCatalog). Seen with pnpm 11.22.0:
 * `ms: "catalog:"` and `is-number: $is-number` are written `ms: 2.1.3` and `is-number: ^7.0.0`.
 *
 * Undefined where pnpm itself would stop (a value not a string, a `$foo` the root does not
 * declare, a catalog entry missing or itself a protocol pnpm refuses there): no map to compare.
 */
export function pnpmLockOverrides(
  read: PnpmOverridesRead,
  root: NpmManifest | undefined,
  catalogs: readonly NpmDeclared[],
): Map<string, string> | undefined {
  const direct = new Map<string, string>();
  for (const section of ['devDependencies', 'dependencies', 'optionalDependencies'])
    for (const d of root?.declared ?? []) if (d.section === section) direct.set(d.name, d.spec);
  const out = new Map<string, string>();
  for (const [selector, value] of Object.entries(read.map)) {
    if (typeof value !== 'string') return undefined;
    let spec = value;
    if (spec.startsWith('$')) {
      const ref = direct.get(spec.slice(1));
      if (!ref) return undefined;
      spec = ref;
    }
    if (spec.startsWith('catalog:')) {
      const name = spec.slice('catalog:'.length).trim() || 'default';
      const target = targetName(selector);
      const entry = catalogs.find((c) => c.catalog === name && c.name === target)?.spec;
      if (entry === undefined || /^(catalog|workspace|link|file):/.test(entry)) return undefined;
      spec = entry;
    }
    out.set(selector, spec);
  }
  return out;
}

/** The package a selector overrides: `a@1>@s/b@^2` → `@s/b` (parse-overrides' `[^ |@]>` split). */
function targetName(selector: string): string {
  const cut = selector.search(/[^ |@]>/);
  const child = cut === -1 ? selector : selector.slice(cut + 2);
  const at = child.indexOf('@', 1);
  return at === -1 ? child : child.slice(0, at);
}

/** The first difference between the lock's map and pnpm's, said as a finding says it; undefined when they are equal. */
export function overridesDifference(
  locked: ReadonlyMap<string, string>,
  wanted: ReadonlyMap<string, string>,
): string | undefined {
  for (const [key, spec] of wanted) {
    const was = locked.get(key);
    if (was === undefined) return `lacks \`${key}: ${spec}\``;
    if (was !== spec) return `records \`${key}: ${was}\` where pnpm now reads \`${key}: ${spec}\``;
  }
  for (const [key, was] of locked)
    if (!wanted.has(key)) return `still records \`${key}: ${was}\`, which pnpm no longer reads`;
  return undefined;
}
