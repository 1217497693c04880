import { byNumbers } from '../migrations/applied-history.js';
import { readMigrationTrees } from '../migrations/policy-sources.js';
import type { RepoView } from '../repo.js';
import { Workspace } from '../workspace.js';
import type { LayoutReader } from './layout-reader.js';

export interface AppliedThroughGuess {
  /** `migrations.applied_through`: each Alembic tree's heads, each SQL folder's last file. */
  entries: string[];
  decisions: string[];
}

/**
 * What production has run, as init guesses it for a repository adopting Slipway: everything
 * committed today. Without this, the first check fails over years of migrations that ran long
 * ago (and the first promote is refused for them). Said out loud, since production may be behind:
 * the user corrects it, and once the deploy record names production's commit, that decides.
 */
export function guessAppliedThrough(
  files: readonly string[],
  reader: LayoutReader,
  alembic: readonly string[],
  sqlMigrations: readonly string[],
): AppliedThroughGuess {
  const entries: string[] = [];
  const decisions: string[] = [];
  if (alembic.length > 0) {
    const repo: RepoView = {
      listFiles: () => files,
      readFile: (p) => reader.readFile(p),
      isDirectory: (p) => reader.isDirectory(p),
    };
    const analysis = readMigrationTrees(repo, { alembic: [...alembic], sql: [] }, new Workspace());
    for (const tree of analysis.trees) {
      const heads = tree.graph.heads();
      if (heads.length === 0) continue;
      entries.push(...heads);
      decisions.push(
        `${tree.root}: ${tree.graph.size} revision${tree.graph.size === 1 ? '' : 's'} up to ${heads.join(', ')}, taken as already run in production (migrations.applied_through): their destructive and lock findings are history; correct it if production is behind`,
      );
    }
  }
  const byFolder = new Map<string, string>();
  for (const f of sqlMigrations) {
    const dir = f.slice(0, f.lastIndexOf('/') + 1);
    const last = byFolder.get(dir);
    if (last === undefined || byNumbers(f, last) > 0) byFolder.set(dir, f);
  }
  for (const last of byFolder.values()) {
    entries.push(last);
    decisions.push(
      `${last}: the last .sql migration of its folder, taken as already run in production (migrations.applied_through); correct it if production is behind`,
    );
  }
  return { entries, decisions };
}
