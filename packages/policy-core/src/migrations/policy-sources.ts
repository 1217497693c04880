import type { RepoView } from '../repo.js';
import type { MigrationSources } from './analyze.js';
import { type MigrationLocations, migrationLocations } from './migration-locations.js';
import { prismaScriptsBySeries } from './prisma-version.js';
import type { NpmFileCache } from '../requirements/npm/npm-file-cache.js';

/**
 * What the migration analysis reads: the files the `migrations` section points at
 * (migrationLocations), and for a `sql_runner: prisma` series the Prisma its project installs,
 * read through `npmFiles` (the workspace's parsed npm-family files; else parsed apart, once per
 * series) the first time a file asks.
 */
export function migrationSources(
  repo: RepoView,
  section: MigrationLocations,
  npmFiles?: NpmFileCache,
): MigrationSources {
  const sources = migrationLocations(repo, section);
  // Which Prisma applies them decides whether a file's statements share a transaction.
  if (section.sql_runner === 'prisma') sources.prismaScripts = prismaScriptsBySeries(repo, npmFiles);
  return sources;
}
