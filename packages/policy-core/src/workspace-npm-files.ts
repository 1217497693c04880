import { NpmFileCache } from './requirements/npm/npm-file-cache.js';
import type { Workspace, WorkspacePart } from './workspace.js';

// Apart from workspace-dependencies.ts: the migration reading asks a project's Prisma release
// from its lock through this part, and loads none of the Python dependency readers.
const PART: WorkspacePart<NpmFileCache> = { make: () => new NpmFileCache() };

/** The workspace's parsed npm-family files (package.json, locks, pnpm-workspace.yaml), made on first use. */
export function npmFilesOf(workspace: Workspace): NpmFileCache {
  return workspace.part(PART);
}
