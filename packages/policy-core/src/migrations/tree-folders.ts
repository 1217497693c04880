import type { MigrationTree } from './migration-analysis.js';

/** Every folder a tree reads: its root, or each folder of a series over several (TypeORM's `{ folders }`). */
export function treeFolders(tree: Pick<MigrationTree, 'root' | 'folders'>): readonly string[] {
  return tree.folders ?? [tree.root];
}

/** A tree as a person reads it in a message: its folder, or a series' folders joined by ` + `. */
export function seriesName(tree: Pick<MigrationTree, 'root' | 'folders'>): string {
  return treeFolders(tree)
    .map((f) => f || '.')
    .join(' + ');
}
