import type { RepoView } from '../repo.js';
import type { MigrationAnalyzer } from './analyze.js';
import type { MigrationLocations } from './migration-locations.js';
import { migrationSources } from './policy-sources.js';
import { initPythonParser } from './python-parser.js';
import { initSqlParser } from './sql-parser.js';
import { JS_TOOLS } from './js-tools.js';
import type { NpmFileCache } from '../requirements/npm/npm-file-cache.js';

/**
 * Loads the parsers a check of `section` over `repo` will use, and no other: a run over .sql
 * migrations alone never loads the Python parser, and one whose every .sql file the analyzer
 * already knows (its result store, see SqlResultStore) never loads PostgreSQL's (20 ms to load,
 * 100 ms and more to warm up on 2,000 files). Conservative: Alembic trees need both (op.execute
 * holds SQL), and so does any other .py or .sql file (MIG121 reads them). `npmFiles`: the
 * workspace's, through which a Prisma project's lock is read once for this and the check.
 */
export async function initParsersFor(
  repo: RepoView,
  section: MigrationLocations,
  analyzer: MigrationAnalyzer,
  npmFiles?: NpmFileCache,
): Promise<void> {
  const sources = migrationSources(repo, section, npmFiles);
  const trees = sources.alembic.length > 0 || (sources.django?.length ?? 0) > 0;
  // The JS tools' migrations run SQL (`knex.raw`, `queryRunner.query`, `this.addSql`): PostgreSQL's parser reads it.
  const jsTrees = JS_TOOLS.some((tool) => (sources[tool]?.length ?? 0) > 0);
  const listed = new Set(sources.sqlFiles);
  let python = trees;
  let otherSql = false;
  for (const f of repo.listFiles()) {
    if (f.endsWith('.py')) python = true;
    else if (f.endsWith('.sql') && !listed.has(f)) otherSql = true;
  }
  const sql =
    trees || jsTrees || otherSql || !analyzer.sqlFilesKnown(repo, sources.sqlFiles, sources.prismaScripts);
  await Promise.all([sql ? initSqlParser() : undefined, python ? initPythonParser() : undefined]);
}
