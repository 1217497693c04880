import type { ChangeSet } from '../../../change-set.js';
import { isVersionFile } from '../../../migrations/analyze.js';
import { migrationSources } from '../../../migrations/policy-sources.js';
import { dependencyPairs } from '../../../policy/dependency-pairs.js';
import { parseRequirementsFile } from '../../../requirements/requirements-file.js';
import type { CheckContext } from '../../rule.js';

/**
 * What an agent change does, counted against its base, each count read only when its cap is
 * set: files touched (a rename is one), lines added and removed, packages added to the policy's
 * requirements files, migration files added, files deleted.
 */
export interface ChangeCounts {
  files(): number;
  lines(): number | undefined;
  newDependencies(): { count: number; names: string[] };
  migrations(): { count: number; paths: string[] };
  deletedFiles(): number;
}

export function changeCounts(ctx: CheckContext, change: ChangeSet): ChangeCounts {
  return {
    files: () => change.files.length,
    lines: () => {
      const stats = change.lineStats?.();
      return stats ? stats.added + stats.removed : undefined;
    },
    deletedFiles: () => change.files.filter((f) => f.status === 'deleted').length,
    migrations: () => addedMigrations(ctx, change),
    newDependencies: () => newDependencies(ctx, change),
  };
}

function addedMigrations(ctx: CheckContext, change: ChangeSet): { count: number; paths: string[] } {
  const section = ctx.policy.policy.migrations;
  if (!section) return { count: 0, paths: [] };
  const sources = migrationSources(ctx.repo, section);
  const sql = new Set(sources.sqlFiles);
  const paths = change.files
    .filter((f) => f.status === 'added' || f.status === 'copied')
    .map((f) => f.path)
    .filter(
      (p) => sql.has(p) || (isVersionFile(p) && sources.alembic.some((root) => p.startsWith(`${root}/`))),
    );
  return { count: paths.length, paths };
}

/** Package names in the requirements files at head that the same files did not name at base. */
function newDependencies(ctx: CheckContext, change: ChangeSet): { count: number; names: string[] } {
  const changed = new Set(change.files.map((f) => f.path));
  const names = new Set<string>();
  for (const { pair } of dependencyPairs(ctx.policy.policy)) {
    const path = pair.requirements.replace(/^(?:\.\/|\/)+/, '');
    if (!changed.has(path) || !path.endsWith('.txt')) continue;
    const head = ctx.repo.readFile(path);
    if (head === undefined) continue;
    const before = requirementNames(path, change.readBase?.(path), ctx);
    for (const name of requirementNames(path, head, ctx)) if (!before.has(name)) names.add(name);
  }
  return { count: names.size, names: [...names].sort() };
}

function requirementNames(path: string, text: string | undefined, ctx: CheckContext): Set<string> {
  if (text === undefined) return new Set();
  const file = parseRequirementsFile(path, text, { env: ctx.env });
  return new Set(file.requirements.map((r) => r.key).filter((k): k is string => k !== undefined));
}
