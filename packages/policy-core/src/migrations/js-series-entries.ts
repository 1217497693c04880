import { normaliseRoot } from './version-files.js';

/**
 * A `migrations.<tool>` entry: a folder, or (TypeORM, Knex) `{ folders: [...] }`, one series over
 * several folders; Knex's may run folder by folder (`sort_dirs_separately`, its `sortDirsSeparately`).
 */
export type JsSeriesEntry = string | { folders: string[]; sort_dirs_separately?: boolean };

/** An entry as read (never written): a folder, or a series' folders. */
type ReadEntry = string | { readonly folders: readonly string[]; readonly sort_dirs_separately?: boolean };

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

/**
 * The series of a `migrations.knex` value that Knex runs folder by folder (`sort_dirs_separately:
 * true`): each folder's files in name order, the folders in the entry's order.
 */
export function jsSeriesByFolder(value: JsSeriesValue | undefined): string[][] {
  if (value === undefined || typeof value === 'string') return [];
  const entries: readonly ReadEntry[] = isList(value) ? value : [value];
  return entries.flatMap((e) =>
    typeof e !== 'string' && e.sort_dirs_separately === true && e.folders.length > 1
      ? [e.folders.map(normaliseRoot)]
      : [],
  );
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
