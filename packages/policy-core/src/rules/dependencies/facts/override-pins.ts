import type { NpmLockFormat } from '../../../requirements/npm/npm-lock-model.js';
import type { NpmDeclared, NpmManifest } from '../../../requirements/npm/npm-manifest.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import {
  overrideMap,
  PNPM_MANIFEST_FIELDS,
  pnpm11,
  pnpmConverges,
  pnpmOverridesRead,
} from './pnpm-overrides-read.js';
import { validRange } from './semver-memo.js';
import semver from 'semver';

/**
 * What a package manager installs a declared dependency by when the root package.json overrides
 * it, each tool by its own rules (so DEP012 judges the lock against the override, not against a
 * range the tool was told to ignore; seen on Dokploy: `"resolutions": {"@types/react": "18.3.5"}`
 * beside workspaces asking for ^19.2.0, which `pnpm install --frozen-lockfile` accepts):
 *
 * - pnpm: one map from one file, pnpm-overrides-read.ts says which (pnpm 11: pnpm-workspace.yaml's
 *   `overrides`; before: the root package.json's `resolutions` then `pnpm.overrides`, the latter
 *   winning a shared key, else pnpm-workspace.yaml's). A key is `foo`, `foo@<range>` (a
 *   dependency whose range meets it) or `parent[@range]>foo` (the dependencies of the package
 *   named parent: a workspace is one). `-` removes the dependency; `$foo` is the root's own
 *   specifier for foo (pnpm.io/settings "overrides").
 * - npm: `overrides` only, root only. A string applies everywhere; an object's `.` is the
 *   package itself and its other keys are that package's dependencies (a workspace by its name).
 *   An override never applies to the root's own direct dependencies: npm refuses one whose spec
 *   differs (EOVERRIDE), so there the manifest's range still rules (docs.npmjs.com package.json
 *   "overrides").
 * - Yarn: `resolutions` only. `foo` and `**\/foo` apply everywhere, `parent/foo` to the
 *   dependencies of parent, Berry's `foo@npm:^1` to that descriptor alone.
 * - Bun: `overrides` or `resolutions`, top-level names only (bun.sh/docs "overrides and
 *   resolutions": nested overrides are not supported).
 *
 * `undefined`: no override applies, the manifest's range is the one judged. `'unjudged'`: one
 * applies and asks for no version range (`-`, `link:`, `catalog:`, a `$name` the root does not
 * declare), so there is nothing to judge the lock against.
 */
export interface OverridePin {
  /** The specifier the tool installs by instead of the manifest's. */
  spec: string;
  /** Where it is set, as a finding says it: `pnpm.overrides["@types/react"]`. */
  by: string;
  /** The file it is set in, as a finding says it: `the root package.json`, `pnpm-workspace.yaml`. */
  source: string;
}

/** pnpm-workspace.yaml's `overrides` (pnpm only), with the file's path. */
export interface WorkspaceOverrides {
  path: string;
  overrides: readonly Override[];
}
export type OverrideVerdict = OverridePin | 'unjudged' | undefined;

/** One override as written: its field (`pnpm.overrides`, `overrides`...), its key and its value. */
export type OverrideEntry = { field: string; key: string; value: unknown };
type Entry = OverrideEntry;
type Override = NpmManifest['overrides'][number];

export function overridePin(
  format: NpmLockFormat,
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
  workspace?: WorkspaceOverrides,
): OverrideVerdict {
  const root = manifests.find((m) => m.importer === '')?.manifest;
  const settings = format === 'pnpm' ? entriesOf(workspace?.overrides ?? [], 'overrides') : [];
  if (!root || (root.overrides.length === 0 && settings.length === 0)) return undefined;
  const fields = (...names: string[]) => names.flatMap((n) => entriesOf(root.overrides, n));
  const self = at.manifest;
  let source = 'the root package.json';
  let found: Entry | undefined;
  // pnpm: no override reaches a dependency resolved through a catalog. One whose key matches a
  // package.json's `catalog:` takes that dependency off the catalog (catalog-overrides.ts); a key
  // with a range meets no `catalog:` (hooks/read-package-hook isIntersectingRange), and a
  // convergence override leaves `catalog:` alone. So a catalog is held to its own ranges.
  if (format === 'pnpm' && at.importer.startsWith('catalog:')) return undefined;
  if (format === 'pnpm') {
    const read = pnpmOverride(root, self, d, workspace);
    found = read?.found;
    source = read?.source ?? source;
  } else if (format === 'npm')
    found = at.importer === '' ? undefined : npmMatch(fields('overrides'), self, d);
  else if (format === 'yarn') found = yarnMatch(fields('resolutions'), self, d);
  else found = fields('resolutions', 'overrides').findLast((e) => e.key === d.name);
  if (!found) return undefined;
  const value = pinValue(found.value, root);
  if (value === undefined) return 'unjudged';
  return { spec: value, by: `${found.field}[${JSON.stringify(found.key)}]`, source };
}

/**
 * pnpm: the override of `d` (declared by `self`) in the one map pnpm reads (pnpm-overrides-read.ts),
 * and the file it is written in, as a finding says it. None when pnpm reads no map (pnpm 11 reads
 * none of the root package.json's: overrideNotRead says which it leaves).
 */
export function pnpmOverride(
  root: NpmManifest | undefined,
  self: NpmManifest,
  d: NpmDeclared,
  workspace: WorkspaceOverrides | undefined,
): { found: Entry | undefined; source: string } | undefined {
  const read = pnpmOverridesRead(root, workspace?.overrides ?? []).file;
  if (read === 'pnpm-workspace.yaml')
    return {
      found: pnpmMatch(entriesOf(workspace?.overrides ?? [], 'overrides'), self, d, pnpmConverges(root)),
      source: workspace?.path ?? 'pnpm-workspace.yaml',
    };
  if (read === 'package.json' && root) {
    const entries = PNPM_MANIFEST_FIELDS.flatMap((n) => entriesOf(root.overrides, n));
    return { found: pnpmMatch(entries, self, d, false), source: 'the root package.json' };
  }
  return undefined;
}

/**
 * pnpm 11: the root package.json's override of `d` that pnpm 10 would have read and pnpm 11 does
 * not, so a finding can say it is there and not read.
 */
export function overrideNotRead(
  format: NpmLockFormat,
  manifests: readonly NpmManifestFile[],
  at: NpmManifestFile,
  d: NpmDeclared,
): OverridePin | undefined {
  const root = manifests.find((m) => m.importer === '')?.manifest;
  if (format !== 'pnpm' || !root || !pnpm11(root)) return undefined;
  const found = pnpmMatch(
    PNPM_MANIFEST_FIELDS.flatMap((n) => entriesOf(root.overrides, n)),
    at.manifest,
    d,
    false,
  );
  const value = found && pinValue(found.value, root);
  return found && value !== undefined
    ? { spec: value, by: `${found.field}[${JSON.stringify(found.key)}]`, source: 'the root package.json' }
    : undefined;
}

/** The entries of one override field (of the root manifest, or pnpm-workspace.yaml), in its order. */
function entriesOf(overrides: readonly Override[], field: string): Entry[] {
  return Object.entries(overrideMap(overrides, field)).map(([key, value]) => ({ field, key, value }));
}

/** `foo`, `@s/foo`, `foo@^1`, `@s/foo@npm:^1` → its name and its range, when it has one. */
function selector(text: string): { name: string; range?: string } {
  const at = text.indexOf('@', 1);
  return at === -1 ? { name: text } : { name: text.slice(0, at), range: text.slice(at + 1) };
}

/** Whether a selector's range meets the declared specifier's (pnpm and npm: they intersect). */
function meets(range: string | undefined, spec: string): boolean {
  if (range === undefined) return true;
  const a = validRange(range);
  const b = validRange(spec);
  if (a === null || b === null) return range === spec;
  try {
    return semver.intersects(a, b, { loose: true });
  } catch {
    return false;
  }
}

/** Whether a parent selector names this manifest (by its name, and its version for a range). */
function isParent(text: string, self: NpmManifest): boolean {
  const p = selector(text);
  if (p.name !== self.name) return false;
  return p.range === undefined || (self.version !== undefined && semver.satisfies(self.version, p.range));
}

/**
 * pnpm: a parent-scoped key first, then `foo@range`, then `foo`, then (`converge`: pnpm 11.13 and
 * later) a convergence override `foo@`, which applies only where its exact version satisfies the
 * declared range (pnpm's config/parse-overrides `markConvergeOverride`; the explicit kinds win
 * over it); the last written of a kind wins.
 */
function pnpmMatch(
  entries: Entry[],
  self: NpmManifest,
  d: NpmDeclared,
  converge: boolean,
): Entry | undefined {
  const rank = (e: Entry): number => {
    const cut = e.key.lastIndexOf('>');
    const target = selector(cut === -1 ? e.key : e.key.slice(cut + 1));
    if (target.name !== d.name) return 0;
    if (converge && target.range === '') return cut === -1 && satisfiedBy(e.value, d.spec) ? 1 : 0;
    if (!meets(target.range, d.spec)) return 0;
    if (cut !== -1) return isParent(e.key.slice(0, cut), self) ? 4 : 0;
    return target.range === undefined ? 2 : 3;
  };
  return best(entries, rank);
}

/** A convergence override's version satisfies a semver range (loosely, as pnpm checks it); any other specifier is skipped. */
function satisfiedBy(version: unknown, spec: string): boolean {
  const range = validRange(spec);
  if (typeof version !== 'string' || range === null) return false;
  try {
    return semver.satisfies(version, range, { loose: true });
  } catch {
    return false;
  }
}

/** npm: `foo` (a string, or an object's `.`), or `parent: { foo }` for the manifest named parent. */
function npmMatch(entries: Entry[], self: NpmManifest, d: NpmDeclared): Entry | undefined {
  // An object without `.` overrides the package's dependencies, not the package.
  const rank = (e: Entry): number => {
    const s = selector(e.key);
    const pins =
      typeof e.value === 'string' || (typeof e.value === 'object' && e.value !== null && '.' in e.value);
    return pins && s.name === d.name && meets(s.range, d.spec) ? 1 : 0;
  };
  for (const e of entries) {
    if (!isParent(e.key, self) || typeof e.value !== 'object' || e.value === null) continue;
    const child = best(
      Object.entries(e.value).map(([key, value]) => ({
        field: `overrides[${JSON.stringify(e.key)}]`,
        key,
        value,
      })),
      (c) =>
        c.key !== '.' && selector(c.key).name === d.name && meets(selector(c.key).range, d.spec) ? 1 : 0,
    );
    if (child) return child;
  }
  const top = best(entries, rank);
  if (top && typeof top.value === 'object' && top.value !== null)
    return { ...top, value: (top.value as Record<string, unknown>)['.'] };
  return top;
}

/** Yarn: `parent/foo` for the manifest named parent, then `foo@<descriptor range>`, then `foo` or `**\/foo`. */
function yarnMatch(entries: Entry[], self: NpmManifest, d: NpmDeclared): Entry | undefined {
  const rank = (e: Entry): number => {
    const path = packagePath(e.key.replace(/^(\*\*\/)+/, ''));
    const target = selector(path.at(-1) ?? '');
    if (target.name !== d.name) return 0;
    if (path.length === 2) return isParent(path[0] ?? '', self) ? 3 : 0;
    if (path.length !== 1) return 0;
    if (target.range === undefined) return 1;
    return target.range === d.spec || target.range === `npm:${d.spec}` ? 2 : 0;
  };
  return best(entries, rank);
}

/** A resolutions key's packages, outermost first: `a/@s/b` → `a`, `@s/b`. */
function packagePath(key: string): string[] {
  const out: string[] = [];
  const parts = key.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.startsWith('@') && i + 1 < parts.length) out.push(`${part}/${parts[++i]}`);
    else out.push(part);
  }
  return out;
}

/** The highest-ranked entry (rank 0: no match); among equals the last written. */
function best(entries: Entry[], rank: (e: Entry) => number): Entry | undefined {
  let out: Entry | undefined;
  let top = 0;
  for (const e of entries) {
    const r = rank(e);
    if (r > 0 && r >= top) {
      top = r;
      out = e;
    }
  }
  return out;
}

/** An override's value as a specifier to judge by; undefined when it asks for no version range. */
function pinValue(value: unknown, root: NpmManifest): string | undefined {
  if (typeof value !== 'string' || value === '-' || value === '') return undefined;
  if (value.startsWith('$')) {
    const ref = root.declared.find((x) => x.name === value.slice(1) && x.section !== 'peerDependencies');
    return ref?.spec;
  }
  // Berry writes a plain range as `npm:^1.2.0`; `npm:other@^1` is an alias, read as one.
  const bare = /^npm:([^@/][^@]*)$/.exec(value)?.[1];
  return bare ?? value;
}
