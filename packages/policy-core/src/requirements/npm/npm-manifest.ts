import { parseJsonWithRanges } from '../../deploy/json-with-ranges.js';
import type { JsonEntry, JsonNode } from '../../deploy/json-node.js';
import { member, objectAt } from './json-members.js';

/** The sections of a package.json that declare dependencies, in npm's order. */
export const NPM_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;
export type NpmSection = (typeof NPM_SECTIONS)[number];

/**
 * One dependency a package.json declares: `"left-pad": "^1.3.0"` in `dependencies`. The npm
 * counterpart of a requirement line: a name, what it asks for (the specifier as written: a
 * semver range, a tag, `npm:other@^1`, a git or tarball URL, `file:`, pnpm's `workspace:*`), and
 * where it stands (offsets of the whole member and of the specifier).
 */
export interface NpmDeclared {
  name: string;
  spec: string;
  section: NpmSection;
  start: number;
  end: number;
  specStart: number;
  specEnd: number;
  /** A pnpm catalog entry (pnpm-workspace.yaml), by its catalog's name (`default` for `catalog:`). */
  catalog?: string;
}

/** Where a declaration stands, as a finding names it: its section, or its pnpm/Bun catalog. */
export function declaredIn(d: Pick<NpmDeclared, 'section' | 'catalog'>): string {
  return d.catalog === undefined ? d.section : d.catalog === 'default' ? 'catalog' : `catalogs.${d.catalog}`;
}

/** A package.json as the dependency rules read it. */
export interface NpmManifest {
  name?: string;
  version?: string;
  declared: NpmDeclared[];
  /** Offsets of each section's key, for findings about a dependency no longer declared there. */
  sectionKeys: Partial<Record<NpmSection, { start: number; end: number }>>;
  /** npm's and Yarn's `workspaces` globs (array, or Yarn's `{ packages: [...] }`). */
  workspaces: string[];
  /**
   * The pnpm version the package names for itself: `packageManager`'s (`pnpm@11.1.2+sha512...`,
   * corepack's field) or else `devEngines.packageManager`'s pnpm entry (a range). Which pnpm reads
   * the overrides: pnpm 11 reads none of this file's (pnpm-overrides-read.ts).
   */
  pnpmVersion?: string;
  /** `overrides` (npm), `resolutions` (Yarn), `pnpm.overrides`: the key's span and the text of its value. */
  overrides: { key: string; start: number; end: number; text: string }[];
  /**
   * Bun's catalogs in a root package.json (`workspaces.catalog`/`.catalogs`, or `catalog`/`catalogs`
   * at the top: the `workspaces` form wins), each entry with its place and its catalog's name.
   */
  catalogs?: { entries: NpmDeclared[]; keys: Map<string, { start: number; end: number }> };
  error?: { message: string; offset: number };
}

/**
 * Reads a package.json with the place of every declaration. A text that is not a JSON object is
 * one error at its place, never a throw: a malformed manifest is one finding.
 */
export function readNpmManifest(text: string): NpmManifest {
  const out: NpmManifest = { declared: [], sectionKeys: {}, workspaces: [], overrides: [] };
  const parsed = parseJsonWithRanges(text);
  if (!parsed.ok) return { ...out, error: { message: parsed.message, offset: parsed.offset } };
  const { value, node } = parsed;
  if (node.kind !== 'object')
    return { ...out, error: { message: 'expected a JSON object', offset: node.start } };
  const root = value as Record<string, unknown>;
  if (typeof root.name === 'string') out.name = root.name;
  if (typeof root.version === 'string') out.version = root.version;
  const pnpmVersion = pnpmVersionOf(root);
  if (pnpmVersion !== undefined) out.pnpmVersion = pnpmVersion;
  for (const section of NPM_SECTIONS) {
    const sec = member(node, section);
    const values = objectAt(root, section);
    if (!sec || !values || sec.value.kind !== 'object') continue;
    out.sectionKeys[section] = { start: sec.keyStart, end: sec.keyEnd };
    for (const e of sec.value.entries) {
      const spec = values[e.key];
      if (typeof spec !== 'string') continue;
      out.declared.push({
        name: e.key,
        spec,
        section,
        start: e.keyStart,
        end: e.value.end,
        specStart: e.value.start,
        specEnd: e.value.end,
      });
    }
  }
  const ws = root.workspaces;
  const globs = Array.isArray(ws) ? ws : (objectAt(root, 'workspaces')?.packages as unknown);
  if (Array.isArray(globs)) for (const g of globs) if (typeof g === 'string') out.workspaces.push(g);
  const catalogs = bunCatalogs(node, root);
  if (catalogs.entries.length > 0) out.catalogs = catalogs;
  for (const [path, key] of [
    [['overrides'], 'overrides'],
    [['resolutions'], 'resolutions'],
    [['pnpm', 'overrides'], 'pnpm.overrides'],
  ] as const) {
    let at = member(node, path[0]);
    if (at && path.length === 2) at = member(at.value, path[1]);
    if (at)
      out.overrides.push({
        key,
        start: at.keyStart,
        end: at.keyEnd,
        text: text.slice(at.value.start, at.value.end),
      });
  }
  return out;
}

/** `packageManager: "pnpm@<version>[+<hash>]"`, else `devEngines.packageManager` (one entry or a list) naming pnpm. */
function pnpmVersionOf(root: Record<string, unknown>): string | undefined {
  const pm = root.packageManager;
  if (typeof pm === 'string') return pm.startsWith('pnpm@') ? pm.slice(5).split('+')[0] : undefined;
  const dev = objectAt(root, 'devEngines')?.packageManager;
  for (const e of Array.isArray(dev) ? dev : [dev]) {
    const entry = e as { name?: unknown; version?: unknown } | null;
    if (entry?.name === 'pnpm' && typeof entry.version === 'string') return entry.version;
  }
  return undefined;
}

/** Bun's catalogs (bun.sh/docs/pm/catalogs): the `workspaces` object's, else the top level's. */
function bunCatalogs(root: JsonNode, value: Record<string, unknown>): NonNullable<NpmManifest['catalogs']> {
  const out: NonNullable<NpmManifest['catalogs']> = { entries: [], keys: new Map() };
  const read = (name: string, at: JsonEntry | undefined, specs: Record<string, unknown> | undefined) => {
    if (!at || !specs || at.value.kind !== 'object' || out.keys.has(name)) return;
    out.keys.set(name, { start: at.keyStart, end: at.keyEnd });
    for (const e of at.value.entries) {
      const spec = Object.hasOwn(specs, e.key) ? specs[e.key] : undefined;
      if (typeof spec !== 'string') continue;
      out.entries.push({
        name: e.key,
        spec,
        section: 'dependencies',
        catalog: name,
        start: e.keyStart,
        end: e.value.end,
        specStart: e.value.start,
        specEnd: e.value.end,
      });
    }
  };
  const ws = member(root, 'workspaces');
  const holders: [JsonNode | undefined, Record<string, unknown> | undefined][] = [
    [ws?.value, objectAt(value, 'workspaces')],
    [root, value],
  ];
  for (const [node, values] of holders) {
    if (node?.kind !== 'object' || !values) continue;
    read('default', member(node, 'catalog'), objectAt(values, 'catalog'));
    const named = member(node, 'catalogs');
    const namedValues = objectAt(values, 'catalogs');
    if (named?.value.kind === 'object')
      for (const e of named.value.entries) read(e.key, e, objectAt(namedValues, e.key));
  }
  return out;
}
