import type { RepoView } from '../repo.js';
import type { MigrationModule } from './alembic-module.js';
import { helperCache, helperReader, withHelpers } from './helper-modules.js';

/**
 * The analyzer's memory of revisions with their helper modules' steps in place (helper-modules.ts):
 * the same object while the revision's facts, the listing (which file a module is) and the text of
 * every module read are as they were, so the per-file rules' cache keeps its findings.
 */
export class HelperSplices {
  private readonly parsed = helperCache();
  private readonly byPath = new Map<
    string,
    {
      source: MigrationModule;
      listed: readonly string[];
      module: MigrationModule;
      read: ReadonlyMap<string, string | undefined>;
    }
  >();

  splice(
    path: string,
    source: MigrationModule,
    repo: RepoView,
  ): { module: MigrationModule; read: ReadonlyMap<string, string | undefined> } {
    const hit = this.byPath.get(path);
    const listed = repo.listFiles();
    if (
      hit &&
      hit.source === source &&
      hit.listed === listed &&
      [...hit.read].every(([p, t]) => repo.readFile(p) === t)
    )
      return hit;
    const value = withHelpers(source, helperReader({ repo }, this.parsed));
    this.byPath.set(path, { source, listed, ...value });
    return value;
  }

  /** Forgets revisions that are gone, so the memory stays the size of the repository. */
  keep(seen: ReadonlySet<string>): void {
    for (const key of this.byPath.keys()) if (!seen.has(key)) this.byPath.delete(key);
  }
}
