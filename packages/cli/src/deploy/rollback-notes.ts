import type { DeployState } from './deploy-state.js';
import { changedPaths, commitExists } from './git-ops.js';
import type { OperationContext } from './operation.js';

function alembicDirs(ctx: OperationContext): string[] {
  const a = ctx.doc.policy.migrations?.alembic;
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}

function lockFiles(ctx: OperationContext): string[] {
  const d = ctx.doc.policy.dependencies;
  if (!d) return [];
  return (Array.isArray(d) ? d : [d]).flatMap((p) => [p.lock, p.requirements]);
}

/**
 * What an application rollback does not undo, or must match: Alembic revisions added since
 * the target (the database stays at them; downgrade by hand if the old code cannot run on the
 * new schema) and dependency files that differ (seed 002: deploy the target's own lock).
 */
export async function rollbackNotes(
  ctx: OperationContext,
  _state: DeployState,
  current: string,
  target: string,
): Promise<string[]> {
  const notes: string[] = [];
  if (!(await commitExists(ctx.root, current))) {
    return [
      `unknown: ${current.slice(0, 12)} (what the record says runs now) is not a commit in this repository, so the Alembic revisions and lock changes the rollback leaves behind cannot be listed; fetch it to see them`,
    ];
  }
  const migrations = await changedPaths(ctx.root, target, current, alembicDirs(ctx));
  const added = migrations.filter((m) => m.status === 'A' && m.path.endsWith('.py'));
  if (added.length > 0) {
    notes.push(
      `not undone: ${added.length} Alembic revision${added.length === 1 ? '' : 's'} added since ${target.slice(0, 12)} stay applied to the database (${added.map((m) => m.path).join(', ')}); run \`alembic downgrade\` by hand if the old code cannot run on the new schema`,
    );
  }
  const deps = await changedPaths(ctx.root, target, current, lockFiles(ctx));
  for (const d of deps) {
    notes.push(
      `must match: ${d.path} differs between the two commits; the rollback must install ${target.slice(0, 12)}'s version`,
    );
  }
  return notes;
}
