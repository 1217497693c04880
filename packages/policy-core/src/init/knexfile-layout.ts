import { LIMITS } from '../limits.js';
import type { LiteralFlag } from '../migrations/js-config.js';
import { KNEXFILE, knexfileFacts } from '../migrations/js-knexfile.js';
import type { JsSeriesEntry } from '../migrations/js-series-entries.js';
import type { JsTool } from '../migrations/js-tools.js';
import { basename } from '../repo-paths.js';
import { joinSeries, unreadLine } from './js-series-join.js';
import type { LayoutReader } from './layout-reader.js';

/** What the knexfiles add to init's proposal: folders (through `take`), entries, lines. */
interface KnexOut {
  knex: JsSeriesEntry[];
  protect: string[];
  decisions: string[];
}

/**
 * Every knexfile's `migrations.directory`, read as literals (parsed, never run). A block listing
 * several folders is one series: Knex keeps one `knex_migrations` table for them and runs their
 * files together, by file name across the folders (fs-migrations.js getMigrations), or folder by
 * folder with `sortDirsSeparately: true`; init proposes them as one `{ folders }` entry.
 */
export function knexfileFolders(
  live: readonly string[],
  reader: LayoutReader,
  take: (tool: JsTool, folder: string, why: string) => void,
  out: KnexOut,
): void {
  for (const knexfile of live.filter((f) => KNEXFILE.test(basename(f))).sort()) {
    const src = reader.readFile(knexfile);
    const facts = src === undefined ? undefined : knexfileFacts(knexfile, src);
    if (!facts) {
      out.decisions.push(
        `${knexfile}: not read (${src === undefined ? 'unreadable' : `past the ${LIMITS.jsConfig.chars / 1024} kB Slipway reads of a config`}); name its migrations folder under migrations.knex by hand`,
      );
      continue;
    }
    out.protect.push(knexfile);
    for (const u of facts.unread) out.decisions.push(unreadLine(knexfile, 'migrations', u, 'knex'));
    const lists: BlockList[] = [];
    for (const block of facts.blocks) {
      const folders: string[] = [];
      for (const d of block.directories) {
        if ('unread' in d) {
          out.decisions.push(unreadLine(knexfile, 'migrations.directory', d.unread, 'knex'));
          continue;
        }
        take('knex', d.path, `${knexfile} names it${transactionWords(block.disableTransactions)}`);
        folders.push(d.path);
      }
      lists.push({ folders, flag: block.sortDirsSeparately });
    }
    for (const list of lists) joinList(knexfile, list, lists, out);
  }
}

/** One block's folders, and its sortDirsSeparately as written. */
interface BlockList {
  folders: string[];
  flag: LiteralFlag;
}

const shapeOf = (l: BlockList) => `${l.flag === true}:${l.folders.join('\n')}`;

/**
 * A block's several folders made one series, unless another environment runs one of them in a
 * different series (development one folder, test two; another order): which one production runs,
 * the knexfile does not say, so none is taken and the user is asked.
 */
function joinList(knexfile: string, list: BlockList, lists: readonly BlockList[], out: KnexOut): void {
  if (list.folders.length < 2) return;
  const other = lists.find(
    (l) => shapeOf(l) !== shapeOf(list) && l.folders.some((f) => list.folders.includes(f)),
  );
  const shown = (l: BlockList) => `${l.folders.join(' + ')}${l.flag === true ? ' folder by folder' : ''}`;
  if (other) {
    const line = `${knexfile}: its environments run ${list.folders.join(', ')} as different series (${shown(list)}, and elsewhere ${shown(other)}); each folder proposed as its own series: write the one production runs as \`{ folders: [...] }\` under migrations.knex`;
    if (!out.decisions.includes(line)) out.decisions.push(line);
    return;
  }
  if (joinSeries(out.knex, list.folders, list.flag === true ? { sort_dirs_separately: true } : {}))
    out.decisions.push(
      `${knexfile}: migrations.directory lists ${list.folders.length} folders (${list.folders.join(', ')}), which Knex runs as one series with one knex_migrations table, ${orderWords(list.flag)}; proposed as one entry, \`{ folders: [...] }\` under migrations.knex, so what one folder creates is known to the others`,
    );
}

function transactionWords(tx: LiteralFlag): string {
  if (tx === true)
    return ', disableTransactions: true: run outside a transaction unless a file says config.transaction';
  if (tx !== undefined && tx !== false)
    return `, disableTransactions is \`${tx.unread}\`, not a literal: taken as false (each migration in a transaction)`;
  return '';
}

function orderWords(flag: LiteralFlag): string {
  if (flag === true) return 'folder by folder (sortDirsSeparately: true, written sort_dirs_separately: true)';
  if (flag !== undefined && flag !== false)
    return `sortDirsSeparately is \`${flag.unread}\`, not a literal: taken as Knex's default, file name order across the folders (write sort_dirs_separately: true if it is true)`;
  return 'in file name order across the folders';
}
