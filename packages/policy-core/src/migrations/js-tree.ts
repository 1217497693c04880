import { withSequelizeTypesBefore } from './sequelize-types-before.js';
import type { RepoView } from '../repo.js';
import type { MigrationModule } from './alembic-module.js';
import { isBinaryText } from './binary-file.js';
import { FolderModules } from './folder-modules.js';
import { isJsMigrationFile } from './js-migration-file.js';
import { knexfileFor } from './js-knexfile.js';
import { type ImportedStrings, ImportedStringsReader, mayImportRelative } from './js-imported-strings.js';
import { readJsMigration } from './js-module.js';
import type { JsTool } from './js-walk.js';

export type { JsTool };
import { pastLimit, refusedPythonModule, refusedUnread } from './refused-file.js';
import { RevisionGraph } from './revision-graph.js';
import type { SqlResultStore } from './sql-result-store.js';

/** One JS/TS tool's migrations series as the MIG rules read it (a MigrationTree of the analyzer). */
export interface JsTree {
  root: string;
  /** Every folder of a series over several (`root` the first); absent for one folder. */
  folders?: readonly string[];
  js: JsTool;
  modules: MigrationModule[];
  graph: RevisionGraph;
  skipped: string[];
  /** The repository's modules each migration's imports read (js-imported-strings.ts), by the migration's path. */
  imports: ReadonlyMap<string, readonly string[]>;
}

/**
 * The order each tool runs them in. Knex and sequelize-cli (umzug, its folder's files by name): the file names, sorted (fs-migrations.js getMigrations;
 * with several folders and `sortDirsSeparately: false`, all names together). MikroORM: umzug's
 * glob of the folder, its paths sorted (umzug src/umzug.ts v3.8.2, which @mikro-orm/migrations
 * 6.6 pins), so the file names too (`Migration<timestamp>`: the timestamp's order). TypeORM: the
 * JavaScript timestamp that ends the class name (MigrationExecutor.getMigrations:
 * `parseInt(className.substr(-13), 10)`, then `sort((a, b) => a.timestamp - b.timestamp)`); a class
 * without one TypeORM refuses, and it sorts here by file name after those with one. A series over
 * several folders is sorted as one: TypeORM sorts the one array its DataSource lists, whatever
 * folder each class came from (equal timestamps keep that array's order, which the folders do not
 * say: the path decides).
 */
function ordered(
  modules: MigrationModule[],
  tool: JsTool,
  folders: readonly string[],
  byFolder: boolean,
): MigrationModule[] {
  const byName = (a: MigrationModule, b: MigrationModule) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  if (tool === 'knex' && folders.length > 1) return knexOrder(modules, folders, byFolder);
  if (tool !== 'typeorm') return [...modules].sort(byName);
  const stamp = (m: MigrationModule) => {
    const n = Number.parseInt((m.revision?.value ?? '').slice(-13), 10);
    return Number.isNaN(n) || n === 0 ? Number.POSITIVE_INFINITY : n;
  };
  return [...modules].sort((a, b) => stamp(a) - stamp(b) || byName(a, b));
}

/**
 * Knex's order over several folders (fs-migrations.js getMigrations): every file of every folder
 * by its name alone (lodash's stable `sortBy(migrations, 'file')`: the same name in two folders
 * keeps the folders' order), or with `sortDirsSeparately` each folder's names sorted, folder after
 * folder in the knexfile's order.
 */
function knexOrder(
  modules: MigrationModule[],
  folders: readonly string[],
  byFolder: boolean,
): MigrationModule[] {
  const name = (m: MigrationModule) => m.path.slice(m.path.lastIndexOf('/') + 1);
  const folderOf = (m: MigrationModule) =>
    folders.indexOf(m.path.slice(0, Math.max(0, m.path.lastIndexOf('/'))));
  const byFolderFirst = (a: MigrationModule, b: MigrationModule) =>
    byFolder ? folderOf(a) - folderOf(b) : 0;
  const byFile = (a: MigrationModule, b: MigrationModule) =>
    name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  return [...modules].sort((a, b) => byFolderFirst(a, b) || byFile(a, b) || folderOf(a) - folderOf(b));
}

function moduleFacts(
  path: string,
  text: string,
  tool: JsTool,
  transactionsDisabled: boolean,
  imported: ReadonlyMap<string, string>,
): MigrationModule {
  const refused = pastLimit(path, text, 'js');
  if (refused) return { ...refusedPythonModule(path, text, refused), js: tool };
  if (isBinaryText(text))
    return {
      ...refusedPythonModule(
        path,
        text,
        `${path} holds NUL bytes, not JavaScript or TypeScript, so it was not checked.`,
      ),
      js: tool,
    };
  return readJsMigration(path, text, tool, { transactionsDisabled, imported });
}

/** Reads the JS/TS tools' migrations folders, each file cached by its text. */
export class JsTrees {
  private readonly files: FolderModules;
  private readonly graphs = new Map<string, RevisionGraph>();
  private readonly imported = new ImportedStringsReader();

  /** `store`: modules kept between runs (the CLI's result cache). */
  constructor(store?: SqlResultStore) {
    this.files = new FolderModules(store);
  }

  /**
   * One series: the files of each of `folders` (one, or several a TypeORM DataSource or a
   * knexfile runs as one series), chained in the tool's order across all of them (Knex's folder by
   * folder when `byFolder`).
   */
  tree(
    repo: RepoView,
    all: readonly string[],
    folders: readonly string[],
    tool: JsTool,
    seen: Set<string>,
    filesRead: string[],
    byFolder = false,
  ): JsTree {
    const root = folders[0] ?? '';
    // Knex: the knexfile naming this folder may turn transactions off for all of it.
    const knexfile = tool === 'knex' ? knexfileFor(all, root, (p) => repo.readFile(p)) : undefined;
    if (knexfile) filesRead.push(knexfile.knexfile);
    const off = knexfile?.transactionsDisabled === true;
    // What each file's imports give it, asked once a run (for the cache's key, then the read).
    const strings = new Map<string, ImportedStrings>();
    const stringsOf = (path: string, text: string) => {
      let s = strings.get(path);
      if (!s) {
        s = this.imported.of(path, text, (p) => repo.readFile(p));
        strings.set(path, s);
      }
      return s;
    };
    const reader = {
      kind: `js:${tool}`,
      isMigrationFile: isJsMigrationFile,
      read: (path: string, text: string) => moduleFacts(path, text, tool, off, stringsOf(path, text).values),
      // What the file's imports give it; nothing to ask (no parse) when it imports no relative module.
      contextOf: (path: string, text: string) =>
        mayImportRelative(text) ? JSON.stringify([...stringsOf(path, text).values]) : '',
      unread: (path: string, why: string) => ({
        ...refusedPythonModule(path, '', refusedUnread(why)),
        js: tool,
      }),
      ...(off ? { context: 'transactions off' } : {}),
    };
    const modules: MigrationModule[] = [];
    const skipped: string[] = [];
    for (const folder of folders) {
      const read = this.files.folder(repo, all, folder, reader, seen, filesRead);
      modules.push(...read.modules);
      skipped.push(...read.skipped);
    }
    // Each migration follows the one before it in the tool's order: one line, no branches.
    let previous: string | undefined;
    const inOrder = ordered(modules, tool, folders, byFolder);
    const chained = (tool === 'sequelize' ? withSequelizeTypesBefore(inOrder) : inOrder).map((m) => {
      if (!m.isMigration || !m.revision) return m;
      const down = {
        values: previous === undefined ? [] : [previous],
        range: m.revision.range,
        dynamic: false,
      };
      previous = m.revision.value;
      return { ...m, downRevision: down };
    });
    const key = `${tool}:${byFolder ? 'by folder:' : ''}${folders.join('\n')}`;
    const graph = new RevisionGraph(root, chained, this.graphs.get(key));
    this.graphs.set(key, graph);
    const imports = new Map<string, readonly string[]>();
    for (const [path, s] of strings) if (s.files.length > 0) imports.set(path, s.files);
    return {
      root,
      ...(folders.length > 1 ? { folders } : {}),
      js: tool,
      modules: chained,
      graph,
      skipped,
      imports,
    };
  }

  /** Forget files that are gone. */
  keep(seen: ReadonlySet<string>): void {
    this.files.keep(seen);
    this.imported.keep(seen);
  }
}
