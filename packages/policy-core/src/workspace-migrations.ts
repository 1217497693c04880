import { type MigrationAnalysis, MigrationAnalyzer } from './migrations/analyze.js';
import type { MigrationLocations } from './migrations/migration-locations.js';
import { migrationSources } from './migrations/policy-sources.js';
import type { RepoView } from './repo.js';
import type { Workspace, WorkspacePart } from './workspace.js';
import { npmFilesOf } from './workspace-npm-files.js';

// A workspace's migration analyzers, made on first use (Workspace.part): a run that reads no
// migration never loads the analyzer and the parsers' readers it brings.
const HEAD: WorkspacePart<MigrationAnalyzer> = { make: (w) => new MigrationAnalyzer(w.sqlResults) };
const BASE: WorkspacePart<MigrationAnalyzer> = { make: () => new MigrationAnalyzer() };

/** The workspace's Alembic and SQL migrations: parsed modules, SQL and revision graphs. */
export function migrationsOf(workspace: Workspace): MigrationAnalyzer {
  return workspace.part(HEAD);
}

/** Migration files as the change's base has them (MIG105): apart, so they never evict the head's. */
export function baseMigrationsOf(workspace: Workspace): MigrationAnalyzer {
  return workspace.part(BASE);
}

/** Reads the policy's migration trees (graphs included) through the workspace's analyzer (its cache). */
export function readMigrationTrees(
  repo: RepoView,
  section: MigrationLocations,
  workspace: Workspace,
): MigrationAnalysis {
  return migrationsOf(workspace).analyze(repo, migrationSources(repo, section, npmFilesOf(workspace)));
}
