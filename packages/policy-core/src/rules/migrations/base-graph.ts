import type { ChangeSet } from '../../change-set.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import { isVersionFile, MigrationAnalyzer, type MigrationTree } from '../../migrations/analyze.js';
import { RevisionGraph } from '../../migrations/revision-graph.js';

// Base-side files are parsed once per content, like the head side.
const baseAnalyzer = new MigrationAnalyzer();

/**
 * The revision graph of a tree as it was at the change's base: unchanged files are reused, changed
 * and deleted ones read with `readBase`, added ones left out.
 */
export function baseGraphOf(tree: MigrationTree, change: ChangeSet): RevisionGraph | undefined {
  const readBase = change.readBase?.bind(change);
  if (!readBase) return undefined;
  const prefix = tree.root === '' ? '' : `${tree.root}/`;
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
  return new RevisionGraph(tree.root, modules);
}
