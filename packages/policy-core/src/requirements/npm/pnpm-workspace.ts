import { LIMITS } from '../../limits.js';
import { loadBoundedYaml } from '../../policy/bounded-yaml.js';
import { LineIndex } from '../../text-position.js';
import type { NpmDeclared } from './npm-manifest.js';

/** What pnpm-workspace.yaml says to the dependency rules. */
export interface PnpmWorkspace {
  /** `packages` globs; none when the file cannot be read (the lock's importers still count). */
  globs: string[];
  /**
   * Each catalog entry (`catalog:` is the catalog named `default`, `catalogs.<name>:` the others),
   * with its place: what a manifest's `catalog:` or `catalog:<name>` specifier resolves to.
   */
  catalogs: NpmDeclared[];
  /** Where each catalog's key stands (`catalog`, `catalogs.<name>`), by catalog name. */
  catalogKeys: Map<string, { start: number; end: number }>;
  /**
   * `overrides`, which pnpm 10.5 and later read here (before pnpm 11 only when the root
   * package.json's `pnpm.overrides` and `resolutions` are empty: pnpm-overrides-read.ts): its
   * key's span and its value as JSON text, as a package.json's overrides are held.
   */
  overrides: { key: string; start: number; end: number; text: string }[];
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readPnpmWorkspace(text: string): PnpmWorkspace {
  const out: PnpmWorkspace = { globs: [], catalogs: [], catalogKeys: new Map(), overrides: [] };
  const index = new LineIndex(text);
  const read = loadBoundedYaml(text, index, LIMITS.policy.yamlAliases);
  if ('problems' in read) return out;
  const value = read.value;
  if (!isMap(value)) return out;
  if (Array.isArray(value.packages))
    out.globs = value.packages.filter((g): g is string => typeof g === 'string');
  const span = (path: (string | number)[], part: 'key' | 'value') => {
    const r = read.locate(path, part);
    return { start: index.offset(r.start), end: index.offset(r.end) };
  };
  const catalog = (name: string, entries: unknown, path: string[]) => {
    if (!isMap(entries)) return;
    out.catalogKeys.set(name, span(path, 'key'));
    for (const [pkg, spec] of Object.entries(entries)) {
      if (typeof spec !== 'string') continue;
      const key = span([...path, pkg], 'key');
      const val = span([...path, pkg], 'value');
      out.catalogs.push({
        name: pkg,
        spec,
        section: 'dependencies',
        catalog: name,
        start: key.start,
        end: val.end,
        specStart: val.start,
        specEnd: val.end,
      });
    }
  };
  if (isMap(value.overrides))
    out.overrides.push({
      key: 'overrides',
      ...span(['overrides'], 'key'),
      text: JSON.stringify(value.overrides),
    });
  catalog('default', value.catalog, ['catalog']);
  if (isMap(value.catalogs))
    for (const [name, entries] of Object.entries(value.catalogs)) catalog(name, entries, ['catalogs', name]);
  return out;
}
