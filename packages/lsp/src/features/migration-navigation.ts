import type { MigrationAnalysis, Position, Range } from '@slipway/policy-core';

export interface Lens {
  range: Range;
  title: string;
}

const inside = (r: Range, p: Position): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/**
 * What a migration is in its history, on its `revision = …` line: a head (and how many heads the
 * tree has, since two heads make `alembic upgrade head` fail), the baseline, a base, or how
 * many revisions build on it.
 */
export function revisionLenses(analysis: MigrationAnalysis, file: string, baseline?: string): Lens[] {
  for (const tree of analysis.trees) {
    const module = tree.modules.find((m) => m.path === file);
    const revision = module?.revision;
    if (!revision) continue;
    const heads = tree.graph.heads();
    const parts: string[] = [];
    if (revision.value === baseline) parts.push('baseline');
    if (heads.includes(revision.value))
      parts.push(heads.length === 1 ? 'head' : `head (one of ${heads.length} heads)`);
    else {
      const children = tree.graph.childrenOf(revision.value).length;
      parts.push(children === 1 ? '1 revision builds on it' : `${children} revisions build on it`);
    }
    if ((tree.graph.get(revision.value)?.downRevisions.length ?? 0) === 0 && revision.value !== baseline)
      parts.push('base');
    return [{ range: revision.range, title: parts.join(' · ') }];
  }
  return [];
}

/**
 * The files of the revisions named under the cursor in `down_revision` or `depends_on`: a
 * tuple names several, and the cursor picks the one it is on (all of them when it is between).
 */
export function parentRevisionFiles(
  analysis: MigrationAnalysis,
  file: string,
  position: Position,
  lineText: string,
): string[] {
  for (const tree of analysis.trees) {
    const module = tree.modules.find((m) => m.path === file);
    if (!module) continue;
    for (const list of [module.downRevision, module.dependsOn]) {
      if (!list || !inside(list.range, position)) continue;
      const onCursor = list.values.filter((v) => {
        const at = lineText.indexOf(v);
        return at >= 0 && at <= position.character && position.character <= at + v.length;
      });
      return (onCursor.length ? onCursor : list.values)
        .map((rev) => tree.graph.fileOf(rev))
        .filter((f): f is string => f !== undefined);
    }
  }
  return [];
}
