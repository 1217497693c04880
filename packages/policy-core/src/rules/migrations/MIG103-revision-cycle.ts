import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { createUsers, localeAfterUsers } from './facts/examples.js';
import { revisionRange, revisionRelated } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG103: a cycle in down_revision. */
export const revisionCycle: MigHistoryRule = {
  id: 'MIG103',
  name: 'revision-cycle',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'cycle in the revision graph',
  docs: {
    what: 'Following `down_revision` from a revision leads back to that revision: a cycle.',
    why:
      'Following `down_revision` from a revision leads back to it, so there is no order to apply the ' +
      'migrations in and Alembic fails.',
    fix: 'Fix the `down_revision` that points forward in history.',
    suppress: suppressDocs('MIG103'),
    examples: [
      {
        verdict: 'flagged',
        file: 'alembic/versions/3b7c2e9d41a0_create_users.py',
        text: createUsers({ down: '9f8e7d6c5b4a', headerRevises: '' }),
        beside: localeAfterUsers(),
      },
      {
        verdict: 'fine',
        file: 'alembic/versions/3b7c2e9d41a0_create_users.py',
        text: createUsers(),
        beside: localeAfterUsers(),
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const cycle of tree.graph.cycles) {
        const nodes = cycle.map((r) => tree.graph.get(r)).filter((n) => n !== undefined);
        const first = nodes[0];
        if (!first) continue;
        const m = first.module;
        out.push(
          findingOf(
            revisionCycle,
            m.path,
            m.downRevision?.range ?? revisionRange(m),
            `down_revision forms a cycle: ${[...cycle, cycle[0]].join(' → ')}; point the down_revision that goes forward in history back at the right parent.`,
            nodes.slice(1).map((n) => revisionRelated(n.module, `part of the cycle: ${n.revision}`)),
          ),
        );
      }
    }
    return out;
  },
};
