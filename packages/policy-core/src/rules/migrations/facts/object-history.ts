import { upgradeOrder } from '../../../migrations/graph-order.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { MigrationTree } from '../../../migrations/analyze.js';
import type { MigFacts } from './mig-facts.js';
import { type PriorObject, type PriorObjects, settingKey } from './undone-in-upgrade.js';
import { firstIndex } from '../../../first-index.js';

/**
 * What each view, function, index, trigger and constraint (SchemaOp.object), and each setting an
 * ALTER switches (SchemaOp.toggles, under settingKey), was at the end of
 * each revision of a tree that touches it, in the history's order: the last statement about it
 * in that revision's upgrade() says whether it is there and, made, its definition. Built once per
 * check and tree (n ops), each question a binary search.
 *
 * "Before a revision" is before it in the tree's topological order (Kahn's, ties by id): for a
 * linear history its ancestors; on parallel branches a sibling run before it, as `alembic upgrade
 * heads` may run it.
 */
interface ObjectTimeline {
  at: Map<string, number>;
  states: Map<string, { position: number; state: PriorObject }[]>;
}

function timelineOf(tree: MigrationTree): ObjectTimeline {
  const graph = tree.graph;
  const order = upgradeOrder(graph);
  const at = new Map<string, number>();
  const states = new Map<string, { position: number; state: PriorObject }[]>();
  order.forEach((rev, position) => {
    at.set(rev, position);
    const ends = new Map<string, PriorObject>();
    for (const op of graph.get(rev)?.upgradeOps ?? []) {
      // A setting switched (setting-toggles.ts) is "present" while away from its default.
      for (const t of op.toggles ?? []) ends.set(settingKey(t.key), { present: !t.restores });
      const o = op.object;
      if (!o) continue;
      ends.set(o.key, o.made ? { present: true, definition: o.definition } : { present: false });
    }
    for (const [key, state] of ends) {
      const list = states.get(key);
      if (list) list.push({ position, state });
      else states.set(key, [{ position, state }]);
    }
  });
  return { at, states };
}

/** The state each object had before `module`'s revision, for netSchemaUnchanged. */
export function priorObjectsOf(facts: MigFacts, tree: MigrationTree, module: MigrationModule): PriorObjects {
  const memoKey = `object-history ${tree.root}`;
  let timeline = facts.memo.get(memoKey) as ObjectTimeline | undefined;
  if (!timeline) {
    timeline = timelineOf(tree);
    facts.memo.set(memoKey, timeline);
  }
  const rev = module.revision?.value;
  const position = rev === undefined ? undefined : timeline.at.get(rev);
  const states = timeline.states;
  return (key) => {
    if (position === undefined) return undefined;
    const list = states.get(key);
    if (!list) return undefined;
    // The last entry before `position`: entries are in increasing position.
    return list[firstIndex(list, (e) => e.position >= position) - 1]?.state;
  };
}
