import { inJsMigrationFolder } from '../layouts/js-migration-folder.js';
import { LAYOUTS } from '../layouts/layouts.js';
import { LIMITS } from '../limits.js';
import { type ConfigPath, globFolder, readConfigPaths, readTypeormConfig } from '../migrations/js-config.js';
import { isJsMigrationFile } from '../migrations/js-migration-file.js';
import { type JsTool, jsToolName } from '../migrations/js-tools.js';
import { basename, dirnameSlash } from '../repo-paths.js';
import { joinSeries, unreadLine } from './js-series-join.js';
import { knexfileFolders } from './knexfile-layout.js';
import type { LayoutReader } from './layout-reader.js';
import { migrationArrayFolders } from './migration-array-folders.js';
import type { JsSeriesEntry } from '../migrations/js-series-entries.js';

/** What init proposes for the JS tools: `migrations.knex`, `.typeorm`, `.sequelize`, `.kysely`, `.mikro_orm`, what to protect. */
export interface JsMigrationLayout {
  /** A folder, or `{ folders }`: a knexfile's list of directories, one series. */
  knex: JsSeriesEntry[];
  /** A folder, or `{ folders }`: the folders one data source's array draws on, one series. */
  typeorm: JsSeriesEntry[];
  sequelize: string[];
  kysely: string[];
  mikro_orm: string[];
  /** The folders and the config files that shape them (a knexfile's `disableTransactions`). */
  protect: string[];
  decisions: string[];
}

const VENDORED = /(^|\/)(node_modules|dist|build|\.next)\//;
/** TypeORM's config files by the names its docs and CLI use: ormconfig.*, a data source module. */
const TYPEORM_CONFIG =
  /^(ormconfig\.(json|[cm]?[jt]s)|.*data-?source[^/]*\.[cm]?[jt]s|typeorm\.config\.[cm]?[jt]s)$/i;
const sniffOf = (id: string) => LAYOUTS.find((l) => l.id === id)?.sniff ?? (() => false);
/** TypeORM's class marker, and Knex's (layouts.ts's sniffs: one test of each). */
const isTypeorm = sniffOf('typeorm');
const isKnex = sniffOf('knex');
const isSequelize = sniffOf('sequelize');
const isKysely = sniffOf('kysely');
/** MikroORM's migrations may call `this.getKnex()`: Knex-shaped to its sniff, never Knex's to run. */
const isMikroOrm = sniffOf('mikro-orm');

/**
 * Knex and TypeORM migration folders, from the tools' own config read statically (a knexfile's
 * `migrations.directory`, a data source's `migrations` globs: parsed, never run) and from the
 * migrations themselves (files of a `migrations/` folder whose class implements
 * MigrationInterface; Knex-shaped files beside a package.json that depends on knex). What a
 * config names that cannot be read without running it is said, with what to write instead.
 */
export function detectJsMigrations(files: readonly string[], reader: LayoutReader): JsMigrationLayout {
  const live = files.filter((f) => !VENDORED.test(f));
  const liveSet = new Set(live);
  const read = (f: string) => {
    const t = reader.readFile(f);
    return t !== undefined && t.length <= LIMITS.coverageSniff.chars ? t : undefined;
  };
  const inFolder = (folder: string) =>
    live.filter(
      (f) => dirnameSlash(f) === `${folder}/` && isJsMigrationFile(f) && basename(f) !== 'index.ts',
    );
  const out: JsMigrationLayout = {
    knex: [],
    typeorm: [],
    sequelize: [],
    kysely: [],
    mikro_orm: [],
    protect: [],
    decisions: [],
  };
  const taken = new Set<string>();
  const take = (tool: JsTool, folder: string, why: string) => {
    if (taken.has(folder)) return;
    const n = inFolder(folder).length;
    if (n === 0) return;
    taken.add(folder);
    out[tool].push(folder);
    out.protect.push(`${folder}/`);
    out.decisions.push(
      `${folder}: ${n} ${jsToolName(tool)} migration${n === 1 ? '' : 's'} (${why}); checked as ${jsToolName(tool)} migrations (migrations.${tool})`,
    );
  };

  // Knex: every knexfile's directories, read as literals; a list of them one series.
  knexfileFolders(live, reader, take, out);

  // TypeORM: the data source's globs.
  for (const config of live.filter((f) => TYPEORM_CONFIG.test(basename(f))).sort()) {
    const src = read(config);
    if (src === undefined || (!config.endsWith('.json') && !/\bDataSource\b|\bmigrations\b/.test(src)))
      continue;
    const base = packageRoot(live, config);
    const paths: ConfigPath[] = readTypeormConfig(config, src, base);
    if (paths.length === 0) continue;
    out.protect.push(config);
    // The arrays the value names (`migrations: all`, `[...core, ...enterprise]`): TypeORM runs
    // every class of the value as one series, whichever array listed it.
    const arrays: string[] = [];
    const joined: string[] = [];
    for (const p of paths) {
      if ('unread' in p) {
        const name = p.unread.replace(/^\.\.\./, '');
        const listed = /^[A-Za-z_$][\w$]*$/.test(name)
          ? migrationArrayFolders(config, src, name, read, (f) => liveSet.has(f))
          : undefined;
        if (listed) {
          arrays.push(`\`${p.unread}\``);
          joined.push(...arrayFolders(config, name, listed, take, out.decisions));
        } else out.decisions.push(unreadLine(config, 'migrations', p.unread, 'typeorm'));
        continue;
      }
      const { folder, recursive } = globFolder(p.path);
      if (inFolder(folder).length === 0)
        out.decisions.push(
          `${config}: migrations \`${p.path}\` names ${folder || 'the top folder'}, which holds no migration in the repository (built output?); the classes themselves decide below`,
        );
      else
        take(
          'typeorm',
          folder,
          `${config} names \`${p.path}\`${recursive ? '; its subfolders are not read: name each under migrations.typeorm' : ''}`,
        );
    }
    const folders = [...new Set(joined)];
    if (joinSeries(out.typeorm, folders) && arrays.length > 1)
      out.decisions.push(
        `${config}: migrations spreads ${arrays.join(', ')}, whose classes come from ${folders.length} folders (${folders.join(', ')}), which TypeORM runs as one series in timestamp order; proposed as one entry, \`{ folders: [...] }\` under migrations.typeorm`,
      );
  }

  // Sequelize: `.sequelizerc`'s migrations-path (sequelize-cli resolves it from where it runs, the file's folder).
  for (const rc of live.filter((f) => basename(f) === '.sequelizerc').sort()) {
    const src = read(rc);
    if (src === undefined) continue;
    out.protect.push(rc);
    for (const p of readConfigPaths(rc, src, 'migrations-path', dirnameSlash(rc)))
      if ('unread' in p) out.decisions.push(unreadLine(rc, 'migrations-path', p.unread, 'sequelize'));
      else take('sequelize', p.path, `${rc} names it`);
  }

  // The migrations themselves: a class implementing MigrationInterface, Knex-shaped files; in a
  // folder named for migrations (`migrations/`, `knex_migrations/`) or one level below it (a folder
  // per database: migrations/postgres/).
  const byFolder = new Map<string, string[]>();
  for (const f of live)
    if (inJsMigrationFolder(f) && isJsMigrationFile(f)) {
      const folder = dirnameSlash(f).slice(0, -1);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
    }
  for (const [folder, mine] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (taken.has(folder)) continue;
    const otherDatabase = OTHER_DATABASE.exec(basename(folder));
    if (otherDatabase) {
      out.decisions.push(
        `${folder}: migrations for ${otherDatabase[1]}, not proposed: Slipway's migration rules are PostgreSQL's`,
      );
      continue;
    }
    const texts = mine.map(read);
    if (texts.some((t) => t !== undefined && /\bimplements\s+MigrationInterface\b/.test(t) && isTypeorm(t)))
      take('typeorm', folder, 'classes implementing MigrationInterface');
    // Before Knex: a MikroORM migration may build SQL with `this.getKnex()`.
    else if (texts.some((t) => t !== undefined && isMikroOrm(t) && /\bextends\s+Migration\b/.test(t)))
      take('mikro_orm', folder, "classes extending MikroORM's Migration");
    else if (
      texts.some(
        (t) => t !== undefined && isSequelize(t) && /\bup\s*[(:]/.test(t) && /\bqueryInterface\s*\./.test(t),
      )
    )
      take('sequelize', folder, 'up(queryInterface, Sequelize) as sequelize-cli writes them');
    else if (
      texts.some((t) => t !== undefined && isKysely(t) && /\bexport\s+async\s+function\s+up\b/.test(t))
    )
      take('kysely', folder, 'up(db: Kysely<...>) as the Migrator loads them');
    else if (
      texts.some(
        (t) =>
          t !== undefined && isKnex(t) && !isSequelize(t) && !isKysely(t) && !isTypeorm(t) && !isMikroOrm(t),
      ) &&
      dependsOnKnex(live, folder, reader)
    )
      take('knex', folder, `Knex-shaped files, and ${dependsOnKnex(live, folder, reader)} depends on knex`);
  }
  out.knex.sort((a, b) => (firstFolder(a) < firstFolder(b) ? -1 : 1));
  out.typeorm.sort((a, b) => (firstFolder(a) < firstFolder(b) ? -1 : 1));
  out.sequelize.sort();
  out.kysely.sort();
  out.mikro_orm.sort();
  return out;
}

/** A folder of migrations for a database other than PostgreSQL (a project that ships one per database). */
const OTHER_DATABASE = /^(mysql|mariadb|sqlite3?|mssql|sqlserver|oracle)([_-]migrations?)?$/i;

/** The folder the app runs from: the nearest package.json's, else the top. */
function packageRoot(files: readonly string[], path: string): string {
  let folder = dirnameSlash(path);
  for (;;) {
    if (files.includes(`${folder}package.json`)) return folder;
    if (folder === '') return '';
    folder = dirnameSlash(folder.slice(0, -1));
  }
}

/** The package.json at or above `folder` whose dependencies name knex, if any. */
function dependsOnKnex(files: readonly string[], folder: string, reader: LayoutReader): string | undefined {
  let at = `${folder}/`;
  for (;;) {
    at = dirnameSlash(at.slice(0, -1));
    const manifest = `${at}package.json`;
    if (files.includes(manifest) && /"knex"\s*:/.test(reader.readFile(manifest) ?? '')) return manifest;
    if (at === '') return undefined;
  }
}

/**
 * A data source's `migrations` array read through its imports: each folder it draws on taken, and
 * where it draws on several, said: TypeORM runs them as one series (timestamp order), and so does
 * the entry init writes for them (joinSeries). The folders taken, in path order.
 */
function arrayFolders(
  config: string,
  name: string,
  listed: { file: string; folders: Map<string, number> },
  take: (tool: JsTool, folder: string, why: string) => void,
  decisions: string[],
): string[] {
  // Another database's folders (an array per database) are said below, not proposed.
  const folders = [...listed.folders]
    .filter(([f]) => !OTHER_DATABASE.test(basename(f)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [folder] of folders)
    take('typeorm', folder, `${config} lists its classes in \`${name}\` (${listed.file})`);
  if (folders.length < 2) return folders.map(([f]) => f);
  const total = folders.reduce((n, [, k]) => n + k, 0);
  decisions.push(
    `${config}: \`${name}\` (${listed.file}) lists ${total} classes from ${folders.length} folders (${folders.map(([f, k]) => `${f}: ${k}`).join(', ')}), which TypeORM runs as one series in timestamp order; proposed as one entry, \`{ folders: [...] }\` under migrations.typeorm, so what one folder creates is known to the others`,
  );
  return folders.map(([f]) => f);
}

const firstFolder = (e: JsSeriesEntry): string => (typeof e === 'string' ? e : (e.folders[0] ?? ''));
