import { DependencyCaches } from './requirements/dependency-caches.js';
import type { Workspace, WorkspacePart } from './workspace.js';
import { npmFilesOf } from './workspace-npm-files.js';

// A module of its own, apart from the migration analyzers (workspace-migrations.ts): a rule that
// reads locks (the agent caps' new-dependency count) loads no migration reading, and the
// reverse. Its npm-family files are the workspace's one cache of them, which the migration reading
// shares (a Prisma project's lock says which Prisma runs the migrations).
const PART: WorkspacePart<DependencyCaches> = { make: (w) => new DependencyCaches(npmFilesOf(w)) };

/** The workspace's dependency caches (requirements files and locks), made on first use. */
export function dependencyCachesOf(workspace: Workspace): DependencyCaches {
  return workspace.part(PART);
}
