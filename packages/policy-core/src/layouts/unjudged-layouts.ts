import { LIMITS, megabytes } from '../limits.js';
import type { RepoView } from '../repo.js';
import type { JudgedPaths } from './judged-paths.js';
import { type FileIndex, type LayoutEntry, VENDORED, extensionOf, folderOf } from './layout-entry.js';
import { LAYOUTS } from './layouts.js';

/** A layout present in the repository whose files (all, or those listed) no configured reader judges. */
export interface UnjudgedLayout {
  entry: LayoutEntry;
  /** Its files no reader judges, in the listing's order. */
  files: string[];
  /** Files its path test took but that could not be read to tell (too large, refused), and why. */
  unread: { path: string; why: string }[];
}

/** What the detector reads: the listing and, for a sniff, a file's text. */
export type LayoutRepo = Pick<RepoView, 'listFiles' | 'readFile' | 'whyUnread'>;

/**
 * The layouts of the table (layouts.ts) present in `repo` and not judged: each file goes to the
 * first entry whose path test takes it and whose sniff (a bounded read) agrees; a file the key of
 * any entry taking it judges under the policy (`judged`) is left out, and one that cannot be read to tell
 * stays listed as seen and unread, so a repository cannot hide a layout behind a huge file.
 * Pure: reads only through `repo`.
 */
export function unjudgedLayouts(repo: LayoutRepo, judged: JudgedPaths, table = LAYOUTS): UnjudgedLayout[] {
  const files = repo.listFiles();
  const index = fileIndex(files, repo);
  const found = new Map<LayoutEntry, UnjudgedLayout>();
  const at = (entry: LayoutEntry) => {
    let layout = found.get(entry);
    if (!layout) {
      layout = { entry, files: [], unread: [] };
      found.set(entry, layout);
    }
    return layout;
  };
  const byExtension = entriesByExtension(table);
  for (const path of files) {
    // Only the entries whose files can end as this one does are asked (most files: none).
    const candidates = byExtension.get(extensionOf(path));
    if (candidates === undefined || VENDORED.test(path)) continue;
    let takers: LayoutEntry[] | undefined;
    for (const e of candidates) {
      if (!e.path(path, index)) continue;
      takers ??= [];
      takers.push(e);
    }
    if (takers === undefined) continue;
    // Judged by the reader of any entry that takes it: nothing to say, and nothing to read. Asked
    // before any sniff, as an earlier entry cannot read a file too large to tell, and would list a
    // migration of a folder the policy names as seen and unread (a 1.2 MB TypeORM migration under
    // `migrations.typeorm`, called a MikroORM one since that entry comes first).
    if (takers.some((e) => e.judgedBy && judged[e.judgedBy](path))) continue;
    for (const entry of takers) {
      if (entry.sniff) {
        const text = repo.readFile(path);
        if (text === undefined || text.length > LIMITS.coverageSniff.chars) {
          const why =
            text === undefined
              ? (repo.whyUnread?.(path) ?? 'it could not be read')
              : `it is over ${megabytes(LIMITS.coverageSniff.chars)}`;
          at(entry).unread.push({ path, why });
          break;
        }
        if (!entry.sniff(text)) continue;
      }
      at(entry).files.push(path);
      break;
    }
  }
  // In the table's order.
  return table.flatMap((e) => {
    const layout = found.get(e);
    return layout ? [layout] : [];
  });
}

/**
 * The table's entries by the endings their files can have, each list in the table's order (the
 * first entry taking a file wins). Kept per table: a check asks about every file of the tree,
 * 100,000 in a large monorepo, and an entry's path test is a regular expression or two.
 */
function entriesByExtension(table: readonly LayoutEntry[]): ReadonlyMap<string, readonly LayoutEntry[]> {
  let map = BY_EXTENSION.get(table);
  if (!map) {
    const built = new Map<string, LayoutEntry[]>();
    for (const entry of table)
      for (const ext of entry.extensions) {
        const list = built.get(ext) ?? [];
        if (!list.includes(entry)) list.push(entry);
        built.set(ext, list);
      }
    map = built;
    BY_EXTENSION.set(table, map);
  }
  return map;
}
const BY_EXTENSION = new WeakMap<readonly LayoutEntry[], ReadonlyMap<string, readonly LayoutEntry[]>>();

/** The listing as the path tests ask about it: membership, and folders holding a kind of file. */
function fileIndex(files: readonly string[], repo: LayoutRepo): FileIndex {
  let set: Set<string> | undefined;
  const folders = new Map<(path: string) => boolean, Set<string>>();
  return {
    has(path) {
      set ??= new Set(files);
      return set.has(path);
    },
    foldersWith(is) {
      let out = folders.get(is);
      if (!out) {
        out = new Set(files.filter(is).map(folderOf));
        folders.set(is, out);
      }
      return out;
    },
    read(path) {
      const text = repo.readFile(path);
      return text !== undefined && text.length <= LIMITS.coverageSniff.chars ? text : undefined;
    },
  };
}
