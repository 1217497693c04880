import type { Node, YAMLMap } from 'yaml';
import { type JsSeriesEntry, runsByFolder, seriesEntryFolders } from '../migrations/js-series-entries.js';

/** A `migrations.<tool>` value as written, its entries; undefined when it is not one init could write. */
function entriesOf(value: unknown): JsSeriesEntry[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const ok = list.every(
    (e) =>
      typeof e === 'string' ||
      (e !== null &&
        typeof e === 'object' &&
        Array.isArray((e as { folders?: unknown }).folders) &&
        (e as { folders: unknown[] }).folders.every((f) => typeof f === 'string')),
  );
  return ok ? (list as JsSeriesEntry[]) : undefined;
}

/**
 * `init --merge` never changes a key the user wrote. Where init reads as one series folders the
 * user's `migrations.typeorm` / `.knex` lists apart (a DataSource's array, a knexfile's list of
 * directories), or in another order, it says so: joining them changes what the rules know across
 * the folders, which is the user's to write.
 */
export function seriesNotes(mine: YAMLMap, theirs: YAMLMap): string[] {
  const out: string[] = [];
  for (const tool of ['knex', 'typeorm'] as const) {
    const user = entriesOf((mine.get(tool, true) as Node | undefined)?.toJSON());
    const init = entriesOf((theirs.get(tool, true) as Node | undefined)?.toJSON());
    if (!user || !init) continue;
    for (const entry of init) {
      if (typeof entry === 'string') continue;
      const folders = seriesEntryFolders(entry);
      const holding = new Set(user.filter((u) => seriesEntryFolders(u).some((f) => folders.includes(f))));
      const listed = folders.every((f) => user.some((u) => seriesEntryFolders(u).includes(f)));
      if (!listed) continue;
      const [one] = holding;
      const key = `migrations.${tool}`;
      const joined = `{ folders: [${folders.join(', ')}]${runsByFolder(entry) ? ', sort_dirs_separately: true' : ''} }`;
      if (holding.size > 1)
        out.push(
          `${key}: init reads ${folders.join(', ')} as one series (${joined}: ${tool === 'knex' ? 'one knexfile runs them together' : 'one data source runs their classes together'}); yours lists them as separate series, kept as written: join them by hand if that is how they run`,
        );
      else if (one !== undefined && runsByFolder(one) !== runsByFolder(entry))
        out.push(
          `${key}: init reads ${folders.join(', ')} ${runsByFolder(entry) ? 'folder by folder (the knexfile says sortDirsSeparately: true)' : "by file name across the folders (Knex's default)"}; yours says otherwise, kept as written: check the knexfile`,
        );
    }
  }
  return out;
}
