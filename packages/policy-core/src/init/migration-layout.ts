import type { MigrationDialect, SqlRunner } from '../policy/schema/migrations.js';
import { toolDecision, toolMigrationSeries, toolRunner } from './tool-migration-series.js';
import type { LayoutReader } from './layout-reader.js';
import { psqlScriptRun } from './psql-scripts.js';
import { postgresFolders } from '../migrations/other-database.js';
import { notMigrations, sqlcSchemas } from './sql-folder-kind.js';
import { adminUpdatesFolder } from './admin-updates.js';
import { sqlFolderFiles } from './sql-folder-files.js';
import { basename, foldersOf, outermostFolders } from '../repo-paths.js';
import { sqlFolderNameKind } from '../migrations/sql-folder-names.js';
import { alembicTrees } from './alembic-trees.js';

export interface MigrationLayout {
  /** Alembic `versions/` folders, one per tree. */
  alembic: string[];
  /** The `migrations.sql` patterns: each folder of `.sql` migrations, less the scripts beside them. */
  sqlPatterns: string[];
  /** The `.sql` files those patterns take as migrations. */
  sqlMigrations: string[];
  /** What runs them, when their files say it (see sqlRunnerOf). */
  sqlRunner?: SqlRunner;
  /**
   * The folders to protect: every migration tree found, those of other databases included (an
   * agent must not rewrite a MySQL migration either), each with its trailing slash.
   */
  protect: string[];
  decisions: string[];
  /** The database a migration tool's own files name (Prisma's provider, Drizzle's dialect). */
  dialect?: { name: MigrationDialect; evidence: string };
}

/** Alembic trees named by every alembic.ini, then folders of `.sql` migrations outside them. */
export function detectMigrations(files: readonly string[], reader: LayoutReader): MigrationLayout {
  const ini = alembicTrees(files, reader);
  const decisions = [...ini.decisions];
  const alembic = [...new Set([...ini.trees.map((t) => t.versions), ...ini.shaped])];
  const schemas = sqlcSchemas(files, reader);
  // The migration folders found, each with its .sql files.
  const found = new Map<string, string[]>();
  // Subfolders of an admin folder taken as its migrations (admin-updates.ts).
  const adminUpdates = new Set<string>();
  const templates: string[] = [];
  // Prisma's and Drizzle's series, found by their own files; a migrations folder inside one (or
  // holding one) is that series, not a folder of its own.
  const tools = toolMigrationSeries(files, reader, decisions);
  const ofTool = (folder: string) =>
    tools.some((t) => folder.startsWith(t.folder) || t.folder.startsWith(folder));
  for (const folder of sqlMigrationFolders(files, alembic)) {
    if (ofTool(folder)) continue;
    const sql = files.filter((f) => f.startsWith(folder) && f.endsWith('.sql'));
    const why = notMigrations(folder, sql, reader, schemas);
    const updates = why === undefined ? adminUpdatesFolder(folder, sql) : undefined;
    if (updates) {
      found.set(
        updates,
        sql.filter((f) => f.startsWith(updates)),
      );
      adminUpdates.add(updates);
      const left = sql.length - (found.get(updates)?.length ?? 0);
      decisions.push(
        `${folder}: admin scripts (${left} .sql file${left === 1 ? '' : 's'} run by hand), not migrations; ${updates} holds its dated schema updates`,
      );
    } else if (why === undefined) found.set(folder, sql);
    else if (why === 'templates') templates.push(folder);
    else
      decisions.push(
        `${folder}: the schema sqlc generates code from (its \`schema:\`), not migrations; not checked`,
      );
  }
  if (templates.length > 0)
    decisions.push(
      `${templates.length} folder${templates.length === 1 ? '' : 's'} of SQL templates ({% %} tags, or under templates/), not migrations, not checked: ${templates.slice(0, 3).join(', ')}${templates.length > 3 ? ', ...' : ''}`,
    );
  const splits = [...found].map(([folder, sql]) => ({
    folder,
    split: sqlFolderFiles(
      folder,
      sql,
      sqlRunnerOf(files, [folder], reader) !== undefined,
      adminUpdates.has(folder),
    ),
  }));
  const protect = [
    ...alembic.map((v) => v.replace(/versions$/, '') || 'versions/'),
    ...splits.filter((s) => s.split.migrations.length > 0).map((s) => s.folder),
  ];
  const postgresTrees = alembic.flatMap((v) => {
    const narrowed = postgresAlembicTrees(v, files);
    decisions.push(...narrowed.left);
    return narrowed.keep;
  });
  const sqlFolders: string[] = [];
  const sqlPatterns: string[] = [];
  const sqlMigrations: string[] = [];
  for (const { folder, split } of splits) {
    decisions.push(...scriptDecisions(folder, split));
    if (split.migrations.length === 0) continue;
    const narrowed = postgresFolders(folder, split.migrations, '.sql files');
    for (const dir of narrowed.keep) {
      const mine = split.migrations.filter((f) => f.startsWith(dir));
      decisions.push(
        `${dir}: ${mine.length} .sql file${mine.length === 1 ? '' : 's'} in a migrations folder; checked as SQL migrations`,
      );
      sqlMigrations.push(...mine);
      sqlPatterns.push(`${dir}**/*.sql`, ...split.patterns.filter((p) => p.startsWith(`!${dir}`)));
    }
    decisions.push(...narrowed.left);
    sqlFolders.push(...narrowed.keep);
  }
  const byFiles = sqlFolders.length > 0 ? sqlRunnerOf(files, sqlFolders, reader) : undefined;
  const judged = tools.filter((t) => {
    protect.push(t.folder);
    decisions.push(toolDecision(t));
    return t.database?.dialect !== undefined || t.database === undefined;
  });
  for (const t of judged) {
    sqlPatterns.push(t.pattern);
    sqlMigrations.push(...t.migrations);
  }
  const byTool = byFiles ?? toolRunner(judged, decisions);
  const byScript = byTool || sqlFolders.length === 0 ? undefined : psqlScriptRun(files, sqlFolders, reader);
  const runner = byTool ?? (byScript?.goesOn ? { runner: 'psql' as const, said: byScript.said } : undefined);
  if (byFiles)
    decisions.push(
      `${byFiles.said}: sql_runner ${byFiles.runner} (its way back is not judged as forward DDL)`,
    );
  if (byScript)
    decisions.push(
      byScript.goesOn
        ? `${byScript.said}: psql runs the .sql migrations without ON_ERROR_STOP, going on after a failed statement: sql_runner psql (a swap's copy that fails would not stop its drop; add -v ON_ERROR_STOP=1 there and drop sql_runner)`
        : `${byScript.said}: psql runs the .sql migrations stopping at a failed statement (ON_ERROR_STOP or one transaction): sql_runner plain`,
    );
  const layout = { alembic: postgresTrees, sqlPatterns, sqlMigrations, protect, decisions };
  const dialect = judged.find((t) => t.database?.dialect);
  return {
    ...layout,
    ...(runner ? { sqlRunner: runner.runner } : {}),
    ...(dialect?.database?.dialect
      ? { dialect: { name: dialect.database.dialect, evidence: dialect.said } }
      : {}),
  };
}

/** What init says about the scripts it left out of a folder, or about a folder left out whole. */
function scriptDecisions(folder: string, split: ReturnType<typeof sqlFolderFiles>): string[] {
  const roles = [...new Set(split.scripts.map((s) => s.role))].join(', ');
  const sample = split.scripts
    .slice(0, 3)
    .map((s) => s.path.slice(folder.length))
    .join(', ');
  const more = split.scripts.length > 3 ? ', ...' : '';
  if (split.none)
    return [
      `${folder}: ${split.none}${roles && !split.none.includes(roles) ? ` (${roles}: ${sample}${more})` : ''}; not checked as migrations (add it to migrations.sql by hand if it is)`,
    ];
  if (split.scripts.length === 0) return [];
  return [
    `${folder}: ${split.scripts.length} .sql file${split.scripts.length === 1 ? '' : 's'} beside the migrations ${split.scripts.length === 1 ? 'is' : 'are'} not migrations (${roles}: ${sample}${more}); left out with ! patterns`,
  ];
}

/**
 * A `versions/` folder whose revisions all sit in subfolders named for databases (one revision
 * graph per database, chosen by env.py at run time) as the PostgreSQL subfolders, each its own
 * tree; any other `versions/` as it is (release subfolders are one tree).
 */
function postgresAlembicTrees(
  versions: string,
  files: readonly string[],
): { keep: string[]; left: string[] } {
  const dir = `${versions}/`;
  const py = files.filter((f) => f.startsWith(dir) && f.endsWith('.py'));
  const direct = (f: string) => !f.slice(dir.length).includes('/') && basename(f) !== '__init__.py';
  if (py.some(direct)) return { keep: [versions], left: [] };
  const narrowed = postgresFolders(dir, py, 'Alembic revisions');
  if (narrowed.keep.length === 1 && narrowed.keep[0] === dir) return { keep: [versions], left: [] };
  const keep = narrowed.keep.map((d) => d.slice(0, -1));
  const kept = keep.map(
    (t) => `${t}: one revision graph per database under ${versions}; this one checked as its own tree`,
  );
  return { keep, left: [...kept, ...narrowed.left] };
}

/** How many .sql files init reads to recognise a runner by its comments (they are in every file). */
const SAMPLE = 20;

/**
 * The migration runner the .sql files are written for, from their names and comments, with what
 * said so. init proposes it for a human to confirm; `check` never guesses (sql-migration-parts.ts):
 * a name or a comment a change adds must not move statements out of the forward rules' sight.
 */
function sqlRunnerOf(
  files: readonly string[],
  folders: string[],
  reader: LayoutReader,
): { runner: SqlRunner; said: string } | undefined {
  const sql = files.filter((f) => f.endsWith('.sql') && folders.some((d) => f.startsWith(d)));
  const named = (re: RegExp) => sql.find((f) => re.test(basename(f)));
  if (files.includes('sqitch.plan') || files.some((f) => f.endsWith('/sqitch.plan')))
    return { runner: 'sqitch', said: 'sqitch.plan' };
  const dialect = named(/\.(postgres|mysql|sqlite3|cockroach)\.(up|down)\.sql$/i);
  if (dialect) return { runner: 'pop', said: dialect };
  for (const path of sql.slice(0, SAMPLE)) {
    const text = reader.readFile(path) ?? '';
    if (/^[ \t]*--[ \t]*\+goose[ \t]+up\b/im.test(text)) return { runner: 'goose', said: path };
    if (/^[ \t]*--[ \t]*\+migrate[ \t]+up\b/im.test(text)) return { runner: 'sql-migrate', said: path };
    if (/^[ \t]*--[ \t]*migrate:up\b/im.test(text)) return { runner: 'dbmate', said: path };
  }
  const down = named(/\.down\.sql$/i);
  if (down) return { runner: 'golang-migrate', said: down };
  const diesel = sql.find((f) => basename(f) === 'down.sql');
  if (diesel) return { runner: 'diesel', said: diesel };
  const yoyo = named(/\.rollback\.sql$/i);
  if (yoyo) return { runner: 'yoyo', said: yoyo };
  const flyway = named(/^[VU]\d[\w.]*__.+\.sql$/);
  if (flyway) return { runner: 'flyway', said: flyway };
  return undefined;
}

/**
 * The outermost folders named like a folder of SQL migrations (sql-folder-names.ts: `migrations/`,
 * `data-migrations/`, `sql/`, ...) that hold `.sql` files, outside Alembic trees.
 */
function sqlMigrationFolders(files: readonly string[], alembic: string[]): string[] {
  const trees = alembic.map((v) => v.replace(/versions$/, ''));
  const sqlFiles = files.filter((f) => f.endsWith('.sql') && !/(^|\/)(node_modules|\.venv|venv)\//.test(f));
  return outermostFolders(
    [...foldersOf(sqlFiles)]
      .filter((d) => sqlFolderNameKind(basename(d.slice(0, -1))) !== undefined)
      .filter((d) => !trees.some((t) => d.startsWith(t))),
  );
}
