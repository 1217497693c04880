import { isDjangoMigrationFile } from '../migrations/django-files.js';
import { isJsMigrationFile } from '../migrations/js-migration-file.js';
import { JS_TOOLS } from '../migrations/js-tools.js';
import { migrationLocations } from '../migrations/migration-locations.js';
import { isVersionFile, normaliseRoot } from '../migrations/version-files.js';
import { dependencyPairs } from '../policy/dependency-pairs.js';
import type { Policy } from '../policy/schema/index.js';
import type { RepoView } from '../repo.js';
import { folderOf, type JudgingKey } from './layout-entry.js';

/** Whether a file is judged by what each key of the policy configures. */
export type JudgedPaths = Record<JudgingKey, (path: string) => boolean>;

const NONE = () => false;

/**
 * Which files the policy's configured readers judge, per key, as those readers choose them: the
 * Alembic folders' version files and the .sql files `migrations.sql` matches (migrationLocations,
 * which the MIG family reads too), and each dependency pair's files and their folders' other
 * requirements files (its `-r` includes sit beside it). A key the policy leaves out judges nothing.
 */
export function judgedPaths(repo: Pick<RepoView, 'listFiles'>, policy: Policy): JudgedPaths {
  const judged: JudgedPaths = {
    'migrations.alembic': NONE,
    'migrations.django': NONE,
    'migrations.knex': NONE,
    'migrations.typeorm': NONE,
    'migrations.sequelize': NONE,
    'migrations.kysely': NONE,
    'migrations.mikro_orm': NONE,
    'migrations.sql': NONE,
    dependencies: NONE,
  };
  const section = policy.migrations;
  if (section) {
    const sources = migrationLocations(repo as RepoView, section);
    const roots = sources.alembic.map(normaliseRoot).map((r) => (r === '' ? '' : `${r}/`));
    judged['migrations.alembic'] = (p) => isVersionFile(p) && roots.some((r) => p.startsWith(r));
    const sql = new Set(sources.sqlFiles);
    judged['migrations.sql'] = (p) => sql.has(p);
    // Each app folder `migrations.django` names: the modules Django loads from it.
    const apps = new Set(sources.django ?? []);
    if (apps.size > 0)
      judged['migrations.django'] = (p) => isDjangoMigrationFile(p) && apps.has(folderOf(p).slice(0, -1));
    // Each JS/TS tool's folder: the JS/TS files directly in it, as js-tree.ts reads them.
    for (const tool of JS_TOOLS) {
      const folders = new Set(sources[tool] ?? []);
      if (folders.size > 0)
        judged[`migrations.${tool}`] = (p) => isJsMigrationFile(p) && folders.has(folderOf(p).slice(0, -1));
    }
  }
  const pairs = dependencyPairs(policy);
  if (pairs.length) {
    const files = new Set<string>();
    const folders = new Set<string>();
    for (const { pair } of pairs)
      for (const f of [pair.requirements, pair.lock]) {
        if (typeof f !== 'string') continue;
        const path = normaliseRoot(f);
        files.add(path);
        folders.add(folderOf(path));
      }
    judged.dependencies = (p) => files.has(p) || folders.has(folderOf(p));
  }
  return judged;
}
