import { normaliseRoot } from './version-files.js';

/** A `migrations.<tool>` entry: a folder, or (TypeORM) `{ folders: [...] }`, one series over several folders. */
export type JsSeriesEntry = string | { folders: string[] };

/** An entry as read (never written): a folder, or a series' folders. */
type ReadEntry = string | { readonly folders: readonly string[] };

/** A `migrations.<tool>` value as the policy holds it: one entry or a list of them. */
export type JsSeriesValue = ReadEntry | readonly ReadEntry[];

/**
 * The series a `migrations.<tool>` value names, each as its folders (normalised, in the policy's
 * order): a folder alone is a series of one folder, as it always was; a `{ folders }` entry is one
 * series over all of them (TypeORM runs every class a DataSource lists as one series).
 */
export function jsSeriesFolders(value: JsSeriesValue | undefined): string[][] {
  if (value === undefined) return [];
  const entries: readonly ReadEntry[] = typeof value === 'string' || !isList(value) ? [value] : value;
  return entries
    .map((e) => (typeof e === 'string' ? [e] : [...e.folders]).map(normaliseRoot))
    .filter((folders) => folders.length > 0);
}

/** Every folder a `migrations.<tool>` value names, whichever series it is in. */
export function jsFolders(value: JsSeriesValue | undefined): string[] {
  return jsSeriesFolders(value).flat();
}

function isList(value: JsSeriesValue): value is readonly ReadEntry[] {
  return Array.isArray(value);
}

/**
 * The series of a tool's folders (MigrationSources: every folder, and the groups run as one), in
 * the folders' order: a group where its first folder stands, any other folder alone.
 */
export function seriesOfFolders(
  folders: readonly string[],
  joined: readonly (readonly string[])[] = [],
): (readonly string[])[] {
  const groupOf = new Map<string, readonly string[]>();
  for (const group of joined) for (const f of group) if (!groupOf.has(f)) groupOf.set(f, group);
  const out: (readonly string[])[] = [];
  for (const f of folders) {
    const group = groupOf.get(f);
    if (!group) out.push([f]);
    else if (group[0] === f) out.push(group);
  }
  return out;
}
