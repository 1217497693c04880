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
  return entriesOf(value)
    .map(seriesEntryFolders)
    .filter((folders) => folders.length > 0);
}

/** One entry's folders, normalised: a folder alone, or a series' folders in its order. */
export function seriesEntryFolders(e: ReadEntry): string[] {
  return (typeof e === 'string' ? [e] : [...e.folders]).map(normaliseRoot);
}

/** Whether an entry is a Knex series run folder by folder (`sort_dirs_separately: true`). */
export function runsByFolder(e: ReadEntry): boolean {
  return typeof e !== 'string' && e.sort_dirs_separately === true;
}

/**
 * The series of a `migrations.knex` value that Knex runs folder by folder (`sort_dirs_separately:
 * true`): each folder's files in name order, the folders in the entry's order.
 */
export function jsSeriesByFolder(value: JsSeriesValue | undefined): string[][] {
  return entriesOf(value)
    .filter(runsByFolder)
    .map(seriesEntryFolders)
    .filter((folders) => folders.length > 1);
}

/** Every folder a `migrations.<tool>` value names, whichever series it is in. */
export function jsFolders(value: JsSeriesValue | undefined): string[] {
  return jsSeriesFolders(value).flat();
}

/** A value's entries: one entry, or the list's. */
function entriesOf(value: JsSeriesValue | undefined): readonly ReadEntry[] {
  if (value === undefined) return [];
  return typeof value === 'string' || !isList(value) ? [value] : value;
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
