import { PathMatcher } from '../paths/index.js';
import type { Policy } from '../policy/schema/index.js';
import type { RepoView } from '../repo.js';
import type { MigrationSources } from './analyze.js';
import { normaliseRoot } from './version-files.js';
import { djangoFolders } from './django-files.js';
import { JS_TOOLS, type JsTool } from './js-tools.js';
import { jsSeriesByFolder, jsSeriesFolders } from './js-series-entries.js';

/** What says where the migrations are: the section's other keys do not change which files they are. */
export type MigrationLocations = Pick<
  NonNullable<Policy['migrations']>,
  'alembic' | 'sql' | 'sql_runner' | 'django' | JsTool
>;

const DEFAULT_TREE = 'alembic/versions';

/**
 * The files a policy's `migrations` section points at: its Alembic folders (Alembic's usual
 * `alembic/versions` when the key is absent and that folder exists), the .sql migrations its
 * `sql` patterns match, Django's apps and the JS/TS tools' series. Which files they are, and
 * nothing read from them: the path rules and the agent gate ask this on every call, and load
 * none of the migration readers for it (migrationSources adds what the analysis reads).
 */
export function migrationLocations(repo: RepoView, section: MigrationLocations): MigrationSources {
  const files = repo.listFiles();
  const configured =
    section.alembic === undefined
      ? []
      : typeof section.alembic === 'string'
        ? [section.alembic]
        : section.alembic;
  const alembic =
    section.alembic === undefined && files.some((f) => f.startsWith(`${DEFAULT_TREE}/`))
      ? [DEFAULT_TREE]
      : configured.map(normaliseRoot);
  const sql = section.sql ?? [];
  const matcher = sql.length ? new PathMatcher(sql) : undefined;
  const sqlFiles = matcher ? files.filter((f) => f.endsWith('.sql') && matcher.matches(f)) : [];
  const django =
    section.django === undefined
      ? []
      : djangoFolders(files, typeof section.django === 'string' ? [section.django] : section.django);
  const sources: MigrationSources = {
    alembic,
    sqlFiles,
    sqlRunner: section.sql_runner ?? 'plain',
    ...(django.length ? { django } : {}),
  };
  for (const tool of JS_TOOLS) {
    const series = jsSeriesFolders(section[tool]);
    if (series.length) sources[tool] = series.flat();
    // One series over several folders (migrations.typeorm's and .knex's `{ folders: [...] }`): read as one.
    const joined = series.filter((folders) => folders.length > 1);
    if (joined.length) sources.jsSeries = { ...sources.jsSeries, [tool]: joined };
    // Knex's `sortDirsSeparately: true`: that series runs folder by folder.
    const byFolder = tool === 'knex' ? jsSeriesByFolder(section.knex) : [];
    if (byFolder.length) sources.jsSeriesByFolder = byFolder;
  }
  return sources;
}
