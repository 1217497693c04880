import type { JsSeriesEntry } from '../migrations/js-series-entries.js';
import type { JsTool } from '../migrations/js-tools.js';

/**
 * The folders of one series that init took (a folder another config took first, or one holding no
 * migration, is left as it is) made one `{ folders }` entry in place of their separate ones, where
 * the first of them stood. False when fewer than two of them are left to join.
 */
export function joinSeries(
  entries: JsSeriesEntry[],
  folders: readonly string[],
  extra: { sort_dirs_separately?: boolean } = {},
): boolean {
  const alone = folders.filter((f) => entries.includes(f));
  if (alone.length < 2) return false;
  const at = entries.indexOf(alone[0] as string);
  const rest = entries.filter((e) => typeof e !== 'string' || !alone.includes(e));
  rest.splice(Math.min(at, rest.length), 0, { folders: alone, ...extra });
  entries.splice(0, entries.length, ...rest);
  return true;
}

/** The decision line for a config value Slipway does not read without running the file. */
export function unreadLine(file: string, key: string, what: string, tool: JsTool): string {
  return `${file}: ${key} is \`${what}\`, which Slipway does not read without running the file (it runs nothing of a repository); name the folder under migrations.${tool} by hand`;
}
