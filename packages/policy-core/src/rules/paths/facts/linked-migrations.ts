import type { ChangeSet, ChangedFile } from '../../../change-set.js';
import { touchedPaths } from '../../../change-set.js';
import { migrationLocations } from '../../../migrations/migration-locations.js';
import type { CheckContext } from '../../../rule.js';

// A .sql migration that is a symbolic link to a file of the repository runs that file (issue 48
// §3): a change editing only the target is a change to the migration, for the migration rules
// (analyze.ts registers the target as loaded) and for the protected-path rules, which see the
// link's path as changed too. Only migrations are looked at: they are what a runner reads through
// a link; another link's target is its own file, judged under its own path.

/** The policy's .sql migrations that are links whose target the change edits, each as a changed file. */
export function linkedMigrationChanges(
  ctx: CheckContext,
  change: ChangeSet,
): { file: ChangedFile; target: string }[] {
  const section = ctx.policy.policy.migrations;
  if (!section?.sql || ctx.repo.linkTarget === undefined) return [];
  const touched = new Set(touchedPaths(change));
  const changed = new Set(change.files.map((f) => f.path));
  const out: { file: ChangedFile; target: string }[] = [];
  for (const path of migrationLocations(ctx.repo, section).sqlFiles) {
    if (changed.has(path)) continue;
    // A path that is no link is its own target: nothing to add.
    const target = ctx.repo.linkTarget(path) ?? path;
    if (target !== path && touched.has(target)) out.push({ file: { path, status: 'modified' }, target });
  }
  return out;
}
