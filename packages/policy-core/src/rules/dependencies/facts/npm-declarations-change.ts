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
import { PNPM_MANIFEST_FIELDS, pnpm11 } from './pnpm-overrides-read.js';
import type { PairFacts } from './pair-facts.js';

/**
 * How a change moved the dependency declarations of an npm pair's package.json files, compared as
 * data (section, name, specifier; `overrides`/`resolutions` by their JSON value): a reordered section,
 * a new `scripts` entry or a version bump of the package itself is not a dependency change.
 * Undefined when no manifest's declarations moved (or the change cannot be read at its base).
 */
export interface NpmDeclarationsChange {
  /** The first manifest whose declarations moved, and its declarations new at head (in file order). */
  at: NpmManifestFile;
  added: NpmDeclared[];
  /** How many manifest files' declarations moved. */
  manifests: number;
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
  // pnpm 11 reads none of package.json's overrides (pnpm-overrides-read.ts): changing one changes
  // nothing the lock records.
  const root = facts.npm.manifests.find((m) => m.importer === '')?.manifest;
  const unread =
    facts.npm.lock?.format === 'pnpm' && pnpm11(root) ? new Set<string>(PNPM_MANIFEST_FIELDS) : undefined;
  const signature = (m: NpmManifest) =>
    npmDeclarationsSignature(unread ? { ...m, overrides: m.overrides.filter((o) => !unread.has(o.key)) } : m);
  for (const m of facts.npm.manifests) {
    if (!touched.has(m.file.path)) continue;
    const baseText = change.readBase(m.file.path);
    if (baseText === m.file.text) continue;
    const base = baseText === undefined ? undefined : (m.reread ?? readNpmManifest)(baseText);
    const before = new Set(base?.declared.map(identity));
    if (base && signature(base) === signature(m.manifest)) continue;
    moved.add(m.file.path);
    if (first) first.manifests = moved.size;
    else first = { at: m, added: m.manifest.declared.filter((d) => !before.has(identity(d))), manifests: 1 };
  }
  // pnpm-workspace.yaml's `overrides` (pnpm 10.5 and later) change what the lock must hold as
  // package.json's do: `pnpm install --frozen-lockfile` refuses a lock written under others.
  const ws = facts.npm.pnpmWorkspace;
  if (ws && touched.has(ws.file.path) && !moved.has(ws.file.path)) {
    const baseText = change.readBase(ws.file.path);
    const base = baseText === undefined ? [] : readPnpmWorkspace(baseText).overrides;
    const signature = (o: readonly { text: string }[]) => o.map((x) => canonicalJson(x.text)).join('\n');
    if (baseText !== ws.file.text && signature(base) !== signature(ws.workspace.overrides)) {
      const at: NpmManifestFile = {
        importer: 'pnpm-workspace',
        file: ws.file,
        manifest: { declared: [], sectionKeys: {}, workspaces: [], overrides: ws.workspace.overrides },
      };
      if (first) first.manifests = moved.size + 1;
      else first = { at, added: [], manifests: 1 };
    }
  }
  return first;
}
