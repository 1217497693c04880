import type { ChangeSet } from '../../../change-set.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { isVersionFile, MigrationAnalyzer, type MigrationTree } from '../../../migrations/analyze.js';
import { RevisionGraph } from '../../../migrations/revision-graph.js';
import type { Workspace } from '../../../workspace.js';
import { baseMigrationsOf } from '../../../workspace-migrations.js';

/**
 * The tree as the base branch has it now: the merge-base's files with what the base branch
 * changed since applied. A change generated before someone else merged a migration is stale
 * against this, not against the merge-base (where the old head still looks current).
 * Alembic's trees only: base files are read as Alembic revisions (a Knex, TypeORM, Sequelize or
 * Kysely folder is ordered by its file names, a Django app by its own dependencies), and reading
 * an edited JS migration as Python failed all the MIG rules.
 */
export function baseTipGraphOf(
  tree: MigrationTree,
  change: ChangeSet,
  baseAnalyzer: MigrationAnalyzer,
): RevisionGraph | undefined {
  if (tree.js !== undefined || tree.django !== undefined) return undefined;
  const modules = baseModulesOf(tree, change, baseAnalyzer);
  if (!modules) return undefined;
  const tip = change.baseTip;
  if (!tip) return new RevisionGraph(tree.root, modules);
  const prefix = prefixOf(tree);
  const inTree = (p: string) => p.startsWith(prefix) && isVersionFile(p);
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const changes = tip.changes();
  const texts = tip.readFiles(
    changes.filter((f) => f.status !== 'deleted' && !f.submodule && inTree(f.path)).map((f) => f.path),
  );
  for (const f of changes) {
    if (f.oldPath && f.oldPath !== f.path && f.status !== 'copied') byPath.delete(f.oldPath);
    if (!inTree(f.path)) continue;
    byPath.delete(f.path);
    if (f.status === 'deleted') continue;
    const text = texts.get(f.path);
    const module = text === undefined ? undefined : baseAnalyzer.module(f.path, text);
    if (module) byPath.set(f.path, module);
  }
  return new RevisionGraph(tree.root, [...byPath.values()]);
}

/** The workspace's parser of base-side files; a run without a workspace gets its own. */
export function baseAnalyzerOf(facts: { ctx: { workspace?: Workspace } }): MigrationAnalyzer {
  return facts.ctx.workspace ? baseMigrationsOf(facts.ctx.workspace) : new MigrationAnalyzer();
}

function prefixOf(tree: MigrationTree): string {
  return tree.root === '' ? '' : `${tree.root}/`;
}

/**
 * The tree's modules as they were at the change's base: unchanged files are reused, changed and
 * deleted ones read with `readBase` and parsed by `baseAnalyzer` (the workspace's base side, so
 * that base texts never evict the head's), added ones left out.
 */
function baseModulesOf(
  tree: MigrationTree,
  change: ChangeSet,
  baseAnalyzer: MigrationAnalyzer,
): MigrationModule[] | undefined {
  const readBase = change.readBase?.bind(change);
  if (!readBase) return undefined;
  const prefix = prefixOf(tree);
  const status = new Map<string, string>();
  const basePaths = new Set<string>();
  for (const f of change.files) {
    status.set(f.path, f.status);
    if (f.oldPath && f.oldPath !== f.path) {
      status.set(f.oldPath, 'old-path');
      if (f.oldPath.startsWith(prefix) && isVersionFile(f.oldPath)) basePaths.add(f.oldPath);
    }
    if (f.status === 'deleted' && f.path.startsWith(prefix) && isVersionFile(f.path)) basePaths.add(f.path);
  }
  const modules: MigrationModule[] = [];
  for (const m of tree.modules) {
    const s = status.get(m.path);
    if (s === 'added' || s === 'copied' || s === 'renamed') continue;
    if (s === undefined) modules.push(m);
    else basePaths.add(m.path);
  }
  for (const path of basePaths) {
    const text = readBase(path);
    const module = text === undefined ? undefined : baseAnalyzer.module(path, text);
    if (module) modules.push(module);
  }
  return modules;
}
