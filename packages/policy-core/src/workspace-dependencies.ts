import { DependencyCaches } from './requirements/dependency-caches.js';
import type { Workspace, WorkspacePart } from './workspace.js';

// A module of its own, apart from the migration analyzers (workspace-migrations.ts): a rule that
// reads locks (the agent caps' new-dependency count) loads no migration reading, and the
// reverse.
const PART: WorkspacePart<DependencyCaches> = { make: () => new DependencyCaches() };

/** The workspace's dependency caches (requirements files and locks), made on first use. */
export function dependencyCachesOf(workspace: Workspace): DependencyCaches {
  return workspace.part(PART);
}
