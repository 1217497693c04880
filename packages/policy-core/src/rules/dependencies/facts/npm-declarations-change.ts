import type { CheckContext } from '../../../rule.js';
import {
  readNpmManifest,
  type NpmDeclared,
  type NpmManifest,
} from '../../../requirements/npm/npm-manifest.js';
import {
  npmDeclarationsSignature,
  npmDeclaredIdentity as identity,
} from '../../../requirements/npm/npm-declarations.js';
import { canonicalJson } from '../../../requirements/npm/json-members.js';
import { readPnpmWorkspace } from '../../../requirements/npm/pnpm-workspace.js';
import type { NpmManifestFile } from './npm-pair-facts.js';
import { type PnpmOverridesRead, pnpmOverridesRead } from './pnpm-overrides-read.js';
import type { PairFacts } from './pair-facts.js';
import { catalogEntryInert } from './catalog-overrides.js';

/**
 * How a change moved the dependency declarations of an npm pair's package.json files, compared as
 * data (section, name, specifier; `overrides`/`resolutions` by their JSON value, for pnpm the one
 * map it reads): a reordered section, a new `scripts` entry or a version bump of the package
 * itself is not a dependency change.
 * Undefined when no manifest's declarations moved (or the change cannot be read at its base).
 */
export interface NpmDeclarationsChange {
  /** The first manifest whose declarations moved, and its declarations new at head (in file order). */
  at: NpmManifestFile;
  added: NpmDeclared[];
  /** The other files whose declarations moved (a package.json, pnpm-workspace.yaml), in the pair's order. */
  others: string[];
}

export function npmDeclarationsChange(
  ctx: CheckContext,
  facts: PairFacts,
): NpmDeclarationsChange | undefined {
  const change = ctx.change;
  if (!change?.readBase || !facts.npm) return undefined;
  const touched = new Set(change.files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])));
  let first: NpmDeclarationsChange | undefined;
  // Files, not manifests: Bun's catalogs are a second manifest of the root package.json.
  const moved = new Set<string>();
  // A pnpm pair's overrides are compared as the one map pnpm reads (pnpmOverridesMove, below):
  // a package.json override field alone is none of pnpm's business.
  const pnpm = facts.lockFormat === 'pnpm';
  for (const m of facts.npm.manifests) {
    if (!touched.has(m.file.path)) continue;
    const baseText = change.readBase(m.file.path);
    if (baseText === m.file.text) continue;
    const base = baseText === undefined ? undefined : (m.reread ?? readNpmManifest)(baseText);
    const before = new Set(base?.declared.map(identity));
    // pnpm: a catalog entry overridden wherever it is asked for is none of the lock's business.
    const inert = pnpm ? inertCatalogEntries(facts.npm, m) : undefined;
    const signature = (x: NpmManifest) =>
      npmDeclarationsSignature({
        ...x,
        ...(pnpm ? { overrides: [] } : {}),
        ...(inert ? { declared: x.declared.filter((d) => !inert.has(d.name)) } : {}),
      });
    if (base && signature(base) === signature(m.manifest)) continue;
    moved.add(m.file.path);
    const added = m.manifest.declared.filter((d) => !before.has(identity(d)) && !inert?.has(d.name));
    if (first) first.others.push(m.file.path);
    else first = { at: m, added, others: [] };
  }
  const overrides = pnpm ? pnpmOverridesMove(facts.npm, touched, change.readBase) : undefined;
  if (overrides && !moved.has(overrides.file.path)) {
    if (first) first.others.push(overrides.file.path);
    else first = { at: overrides, added: [], others: [] };
  }
  return first;
}

/**
 * The names of a pnpm catalog's entries that decide nothing pnpm installs (catalogEntryInert), as
 * the head reads them: moving one on a change is no reason to relock. Undefined for a
 * package.json, or a catalog with none.
 */
function inertCatalogEntries(
  npm: NonNullable<PairFacts['npm']>,
  m: NpmManifestFile,
): Set<string> | undefined {
  const lock = npm.lock;
  if (!lock || !m.importer.startsWith('catalog:')) return undefined;
  const ws = npm.pnpmWorkspace;
  const workspace = ws && { path: ws.file.path, overrides: ws.workspace.overrides };
  const names = m.manifest.declared
    .filter((d) => catalogEntryInert(lock, npm.manifests, m, d, workspace))
    .map((d) => d.name);
  return names.length > 0 ? new Set(names) : undefined;
}

/**
 * Where the overrides pnpm reads moved (pnpm-overrides-read.ts: one map, from the root
 * package.json or pnpm-workspace.yaml), compared as data at the base and now. `pnpm install
 * --frozen-lockfile` refuses a lock whose `overrides:` is not that map; a field pnpm does not
 * read (npm's `overrides`, the workspace file's beside the root's map before pnpm 11) moves nothing.
 */
function pnpmOverridesMove(
  npm: NonNullable<PairFacts['npm']>,
  touched: ReadonlySet<string>,
  readBase: (path: string) => string | undefined,
): NpmManifestFile | undefined {
  const root = npm.manifests.find((m) => m.importer === '');
  const ws = npm.pnpmWorkspace;
  if (!(root && touched.has(root.file.path)) && !(ws && touched.has(ws.file.path))) return undefined;
  const rootBase = root && (root.reread ?? readNpmManifest)(readBase(root.file.path) ?? '{}');
  const wsBase = ws ? readBase(ws.file.path) : undefined;
  const before = pnpmOverridesRead(
    rootBase?.error ? undefined : rootBase,
    wsBase === undefined ? [] : readPnpmWorkspace(wsBase).overrides,
  );
  const after = pnpmOverridesRead(root?.manifest, ws?.workspace.overrides ?? []);
  const same = (a: PnpmOverridesRead, b: PnpmOverridesRead) =>
    a.file === b.file && canonicalJson(JSON.stringify(a.map)) === canonicalJson(JSON.stringify(b.map));
  if (same(before, after)) return undefined;
  const wsFile: NpmManifestFile | undefined = ws && {
    importer: 'pnpm-workspace',
    file: ws.file,
    manifest: { declared: [], sectionKeys: {}, workspaces: [], overrides: ws.workspace.overrides },
  };
  // The file that holds them now, or held them, whichever this change edited (emptying the root's
  // map hands pnpm the workspace file's unedited one).
  const holders = [after.file, before.file].map((f) =>
    f === 'package.json' ? root : f === 'pnpm-workspace.yaml' ? wsFile : undefined,
  );
  return holders.find((h) => h && touched.has(h.file.path)) ?? holders.find((h) => h !== undefined);
}
