import type { RepoView } from '../repo.js';
import { isVersionFile, normaliseRoot } from './version-files.js';
import type { MigrationModule } from './alembic-module.js';
import { AlembicModules } from './alembic-modules.js';
import { refusedPythonModule, refusedSqlOps, refusedUnread } from './refused-file.js';
import { RevisionGraph } from './revision-graph.js';
import type { OutsideChange } from './app-code-scan.js';
import type { SchemaOp } from './schema-op.js';
import { isSqlParserReady } from './sql-parser.js';
import { popGenericReplaced } from './sql-migration-parts.js';
import { readSqlFileOps } from './sql-file-read.js';
import {
  type PrismaScripts,
  type PrismaScriptsBySeries,
  prismaScriptsAt,
  sqlResultKey,
} from './prisma-version.js';
import { type IncludeReader, withIncludes } from './psql-include.js';
import type { SqlResultStore } from './sql-result-store.js';
import { readsAsPsql, type SqlRunner } from '../policy/schema/migrations.js';
import type { Finding } from '../finding.js';
import { LastByText } from '../last-by-text.js';
import { hasHelperCalls } from './helper-modules.js';
import { HelperSplices } from './helper-splices.js';
import { DjangoTrees } from './django-tree.js';
import { jsImportsByModule } from './js-import-changes.js';
import { JsTrees } from './js-tree.js';
import { JS_TOOLS } from './js-tools.js';
import { seriesOfFolders } from './js-series-entries.js';
import type {
  MigrationAnalysis,
  MigrationSources,
  MigrationTree,
  SqlMigrationFile,
} from './migration-analysis.js';
import {
  indexLoads,
  type LoadReader,
  type LoadResult,
  loadsOf,
  sameResults,
  withLoads,
} from './loaded-sql.js';

export type {
  MigrationAnalysis,
  MigrationSources,
  MigrationTree,
  SqlMigrationFile,
} from './migration-analysis.js';

interface Cached<T> {
  text: string;
  /** For .sql files, the runner they were read under, and how Prisma sends them (sqlResultKey). */
  runner?: SqlRunner;
  key?: string;
  sqlReady: boolean;
  value: T;
}

// (A star re-export: two of these are internal, left out of the published declarations.)
export * from './version-files.js';

/**
 * Reads migration trees and SQL migration files, caching each file's facts by content: after
 * one file changes only that file is parsed again, and the graph is rebuilt from cached facts.
 */
export class MigrationAnalyzer {
  /** `store`: results kept between runs (the CLI's result cache); see SqlResultStore. */
  constructor(private readonly store?: SqlResultStore) {
    this.modules = new AlembicModules(store);
    this.js = new JsTrees(store);
    this.django = new DjangoTrees(store);
  }

  /** Per-file findings that came with stored ops, by those ops (the MIG family asks first). */
  private readonly storedFindings = new WeakMap<SchemaOp[], Finding[]>();

  /** Alembic's version files (alembic-modules.ts). */
  private readonly modules: AlembicModules;
  private readonly sql = new Map<string, Cached<SchemaOp[]>>();
  /** Last graph per tree root: its structure is reused when no revision variable changed. */
  private readonly graphs = new Map<string, RevisionGraph>();
  /** Revisions with the files they load in place, by path: rebuilt when the module or a file changes. */
  private readonly withLoaded = new Map<
    string,
    { source: MigrationModule; results: LoadResult[]; value: MigrationModule }
  >();
  /** Revisions with the steps of the helper modules they call in place (helper-splices.ts). */
  private readonly helperSplices = new HelperSplices();
  /** The JS/TS tools' migrations: Knex, TypeORM, Sequelize, Kysely, MikroORM (js-tree.ts). */
  private readonly js: JsTrees;
  /** Django apps' migrations (django-tree.ts). */
  private readonly django: DjangoTrees;
  /** Schema changes found in files outside the trees (MIG121), by path and text. */
  private readonly outside = new LastByText<OutsideChange[]>();

  /** What `read` finds in a file outside the trees, read again only when its text changed. */
  outsideScan(path: string, text: string, read: (text: string) => OutsideChange[]): OutsideChange[] {
    return this.outside.get(path, text, read);
  }

  /** Facts of one Python migration file (cached by path and content); a binary one is a syntax error. */
  module(path: string, text: string): MigrationModule | undefined {
    return this.modules.module(path, text);
  }

  /**
   * A version file's facts read elsewhere (moduleFacts on a worker thread, with both parsers
   * loaded): `module(path, text)` answers with them while the text is the same.
   */
  preloadModule(path: string, text: string, value: MigrationModule): void {
    this.modules.preload(path, text, value);
  }

  sqlFile(
    path: string,
    text: string,
    runner: SqlRunner = 'plain',
    prisma?: PrismaScripts,
  ): SchemaOp[] | undefined {
    const ready = isSqlParserReady();
    const hit = this.sql.get(path);
    // The same text reads otherwise under another Prisma release: stored under a key that says which.
    const key = sqlResultKey(path, prisma);
    // What was read with the parser loaded stays right; without it, only until it loads.
    if (hit && hit.text === text && hit.runner === runner && hit.key === key && (hit.sqlReady || !ready))
      return hit.value;
    const stored = this.store?.get(key, text);
    if (stored) {
      if (stored.findings) this.storedFindings.set(stored.ops, stored.findings);
      this.sql.set(path, { text, runner, key, sqlReady: true, value: stored.ops });
      return stored.ops;
    }
    const value = readSqlFileOps(path, text, runner, prisma);
    this.sql.set(path, { text, runner, key, sqlReady: ready, value });
    // Ops alone are worth keeping: a change's history outside its scope is read, not judged.
    if (ready) this.store?.put(key, text, { ops: value });
    return value;
  }

  /**
   * True when every file in `paths` would be answered without the SQL parser: remembered from
   * an earlier read with it loaded, or held by the store. Hosts ask before loading the parser.
   */
  sqlFilesKnown(repo: RepoView, paths: readonly string[], prisma?: PrismaScriptsBySeries): boolean {
    if (!this.store) return paths.length === 0;
    for (const path of paths) {
      const text = repo.readFile(path);
      if (text === undefined) continue;
      const key = sqlResultKey(path, prismaScriptsAt(prisma, path));
      const hit = this.sql.get(path);
      if (hit && hit.text === text && hit.key === key && hit.sqlReady) continue;
      if (!this.store?.get(key, text)) return false;
    }
    return true;
  }

  /** The per-file findings stored with these ops, when they came from the store. */
  storedFileFindings(ops: SchemaOp[]): Finding[] | undefined {
    return this.storedFindings.get(ops);
  }

  /**
   * The per-file findings judged for a .sql file: handed to the store with its ops, when they
   * were read with the SQL parser loaded (an unloaded parser's "unread" ops are never kept).
   */
  judgedSqlFile(path: string, ops: SchemaOp[], findings: Finding[]): void {
    const hit = this.sql.get(path);
    if (!this.store || !hit || hit.value !== ops || !hit.sqlReady) return;
    if (this.storedFindings.get(ops) === findings) return;
    this.store.put(hit.key ?? path, hit.text, { ops, findings });
  }

  analyze(repo: RepoView, sources: MigrationSources): MigrationAnalysis {
    const runner = sources.sqlRunner ?? 'plain';
    const all = repo.listFiles();
    const filesRead: string[] = [];
    const seen = new Set<string>();
    const loadReader: LoadReader = { repo, ops: (path, text) => this.sqlFile(path, text, 'plain') ?? [] };
    const loadEntries: { module: string; results: LoadResult[] }[] = [];
    const includeReader: IncludeReader = {
      repo,
      ops: (path, text) => this.sqlFile(path, text, 'plain') ?? [],
    };
    const loadedRead = new Set<string>();
    const trees: MigrationTree[] = sources.alembic.map((raw) => {
      const root = normaliseRoot(raw);
      const prefix = root === '' ? '' : `${root}/`;
      const modules: MigrationModule[] = [];
      const skipped: string[] = [];
      for (const path of all) {
        if (!path.startsWith(prefix)) continue;
        const text = isVersionFile(path) ? repo.readFile(path) : undefined;
        // A version file the host refused to read (a symlink leading outside) is one finding.
        const why = text === undefined && isVersionFile(path) ? repo.whyUnread?.(path) : undefined;
        let module =
          text !== undefined
            ? this.module(path, text)
            : why !== undefined
              ? refusedPythonModule(path, '', refusedUnread(why))
              : undefined;
        if (!module) {
          skipped.push(path);
          continue;
        }
        seen.add(path);
        filesRead.push(path);
        if (module.loadsSql && module.isMigration) {
          const results = loadsOf(module, loadReader);
          module = this.loaded(path, module, results);
          loadEntries.push({ module: path, results });
          for (const r of results) if ('ops' in r) loadedRead.add(r.path);
        }
        // A function of the repository's own modules the revision calls runs as part of it.
        if (module.isMigration && hasHelperCalls(module)) {
          const spliced = this.helperSplices.splice(path, module, repo);
          module = spliced.module;
          for (const p of spliced.read.keys()) loadedRead.add(p);
          loadEntries.push({
            module: path,
            results: [...spliced.read.keys()].map((p) => ({ call: 0, path: p, ops: [] })),
          });
        }
        modules.push(module);
      }
      const graph = new RevisionGraph(root, modules, this.graphs.get(root));
      this.graphs.set(root, graph);
      return { root, modules, graph, skipped };
    });
    for (const root of sources.django ?? []) trees.push(this.django.tree(repo, all, root, seen, filesRead));
    for (const tool of JS_TOOLS)
      for (const folders of seriesOfFolders(sources[tool] ?? [], sources.jsSeries?.[tool])) {
        const byFolder =
          tool === 'knex' && sources.jsSeriesByFolder?.some((g) => g[0] === folders[0]) === true;
        trees.push(this.js.tree(repo, all, folders, tool, seen, filesRead, byFolder));
      }
    const sqlFiles: SqlMigrationFile[] = [];
    // A generic pop file whose version has a PostgreSQL file of its own never runs there.
    const replaced = runner === 'pop' ? popGenericReplaced(sources.sqlFiles) : undefined;
    for (const path of sources.sqlFiles) {
      if (replaced?.has(path)) {
        seen.add(path);
        filesRead.push(path);
        sqlFiles.push({ path, ops: [] });
        continue;
      }
      const text = repo.readFile(path);
      const why = text === undefined ? repo.whyUnread?.(path) : undefined;
      const ops =
        text !== undefined
          ? this.sqlFile(path, text, runner, prismaScriptsAt(sources.prismaScripts, path))
          : why !== undefined
            ? refusedSqlOps('', refusedUnread(why))
            : undefined;
      if (!ops) continue;
      seen.add(path);
      filesRead.push(path);
      // psql's `\i` runs another file's statements in the migration (psql-include.ts).
      const included = readsAsPsql(runner) ? withIncludes(path, ops, includeReader) : undefined;
      sqlFiles.push({ path, ops: included?.ops ?? ops });
      if (included && included.files.length > 0) {
        loadEntries.push({
          module: path,
          results: included.files.map((p) => ({ call: 0, path: p, ops: [] })),
        });
        for (const p of included.files) loadedRead.add(p);
      }
      // A migration that is a link to a file of the repository runs that file: a change to it
      // is a change to the migration, as a file a revision loads is (loaded-sql.ts).
      const target = text !== undefined ? repo.linkTarget?.(path) : undefined;
      if (target !== undefined && target !== path)
        loadEntries.push({ module: path, results: [{ call: 0, path: target, ops: [] }] });
    }
    const listed = new Set(filesRead);
    for (const path of loadedRead) {
      seen.add(path);
      if (!listed.has(path)) filesRead.push(path);
    }
    // Forget files that are gone, so the cache stays the size of the repository.
    this.modules.keep(seen);
    for (const key of this.sql.keys()) if (!seen.has(key)) this.sql.delete(key);
    for (const key of this.withLoaded.keys()) if (!seen.has(key)) this.withLoaded.delete(key);
    this.helperSplices.keep(seen);
    this.django.keep(seen);
    this.js.keep(seen);
    const sqlLoads = indexLoads(loadEntries);
    return { trees, sqlFiles, sqlRunner: runner, filesRead, sqlLoads, jsImports: jsImportsByModule(trees) };
  }

  /** The revision with its loaded files in place, the same object while nothing it reads changed. */
  private loaded(path: string, source: MigrationModule, results: LoadResult[]): MigrationModule {
    const hit = this.withLoaded.get(path);
    if (hit && hit.source === source && sameResults(hit.results, results)) return hit.value;
    const value = withLoads(source, results);
    this.withLoaded.set(path, { source, results, value });
    return value;
  }
}
