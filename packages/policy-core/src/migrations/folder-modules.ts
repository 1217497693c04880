import type { RepoView } from '../repo.js';
import type { MigrationModule } from './alembic-module.js';
import { isSqlParserReady } from './sql-parser.js';
import type { SqlResultStore } from './sql-result-store.js';

/** How one tool reads the files of its migrations folder. */
export interface FolderReader {
  /** Which reader this is (`django:<app>`, `js:<tool>`): with the path, a stored module's key. */
  kind: string;
  /** Whether the tool loads this file of the folder as a migration. */
  isMigrationFile(path: string): boolean;
  /** The file's module (its facts, or one finding's worth when it is past a limit or binary). */
  read(path: string, text: string): MigrationModule;
  /** The module of a file the repository could not give, `why` saying what stopped it. */
  unread(path: string, why: string): MigrationModule;
  /**
   * What else `read` depends on besides the file's text (a knexfile turning transactions off for
   * the folder): a file cached under another context is read again.
   */
  context?: string;
  /** The same for one file (what its imports give it): a file read under another is read again. */
  contextOf?(path: string, text: string): string;
}

/**
 * The files of migrations folders read into modules, each cached by its text: an edit re-reads one
 * file. SQL read before PostgreSQL's parser loaded is read again once it is. For the tools whose
 * folder is flat (Django apps, Knex, TypeORM): a folder's own files, not its subfolders'. With a
 * `store` (the CLI's result cache), a file the last run read is not parsed again: an agent's hook
 * is a process per tool call, and a series of 300 JS migrations took it a second to parse.
 */
export class FolderModules {
  constructor(private readonly store?: SqlResultStore) {}

  private readonly cache = new Map<
    string,
    { text: string; ready: boolean; context: string; value: MigrationModule }
  >();

  /** The folder's migration files as modules; its other files in `skipped`; the read ones in `seen` and `filesRead`. */
  folder(
    repo: RepoView,
    all: readonly string[],
    root: string,
    reader: FolderReader,
    seen: Set<string>,
    filesRead: string[],
  ): { modules: MigrationModule[]; skipped: string[] } {
    const prefix = root === '' ? '' : `${root}/`;
    const modules: MigrationModule[] = [];
    const skipped: string[] = [];
    for (const path of all) {
      if (!path.startsWith(prefix) || path.slice(prefix.length).includes('/')) continue;
      if (!reader.isMigrationFile(path)) {
        skipped.push(path);
        continue;
      }
      const text = repo.readFile(path);
      const why = text === undefined ? repo.whyUnread?.(path) : undefined;
      if (text === undefined && why === undefined) continue;
      seen.add(path);
      filesRead.push(path);
      if (text === undefined) {
        modules.push(reader.unread(path, why as string));
        continue;
      }
      const hit = this.cache.get(path);
      const ready = isSqlParserReady();
      const context = `${reader.context ?? ''}\n${reader.contextOf?.(path, text) ?? ''}`;
      const fresh = hit && hit.text === text && hit.context === context && (hit.ready || !ready);
      const value = fresh ? hit.value : this.read(path, text, context, reader, ready);
      modules.push(value);
    }
    return { modules, skipped };
  }

  /** The file's module from the store, else read (and stored when PostgreSQL's parser was loaded). */
  private read(
    path: string,
    text: string,
    context: string,
    reader: FolderReader,
    ready: boolean,
  ): MigrationModule {
    const { value, stored } = storedOrRead(
      this.store,
      `${reader.kind}:${path}`,
      `${context}\u0000${text}`,
      ready,
      () => reader.read(path, text),
    );
    this.cache.set(path, { text, ready: ready || stored, context, value });
    return value;
  }

  /** Forget files that are gone. */
  keep(seen: ReadonlySet<string>): void {
    for (const k of this.cache.keys()) if (!seen.has(k)) this.cache.delete(k);
  }
}

/**
 * A module kept in `store` under `key` and `text`, else `read()`'s, handed to the store when
 * PostgreSQL's parser was loaded (`ready`): only such are stored, so a stored one was read with it.
 * The one way every reader of migration modules (FolderModules, AlembicModules) asks the store.
 */
export function storedOrRead(
  store: SqlResultStore | undefined,
  key: string,
  text: string,
  ready: boolean,
  read: () => MigrationModule,
): { value: MigrationModule; stored: boolean } {
  const kept = store?.getModule?.(key, text);
  if (kept) return { value: kept, stored: true };
  const value = read();
  if (ready) store?.putModule?.(key, text, value);
  return { value, stored: false };
}
