import type { Finding } from '../../finding.js';
import { finding, type MigFacts, type MigRule } from './facts/mig-facts.js';
import { revisionRange, revisionRelated } from './facts/revision-location.js';

/** MIG102: the same revision id in two files. */
export const duplicateRevision: MigRule = {
  meta: {
    id: 'MIG102',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'duplicate revision id',
    description:
      'Two files declare the same `revision`: Alembic silently keeps one of them, so the other never runs and ' +
      'databases drift apart. Give the newer file a fresh id (`alembic revision` generates one) and re-parent its children.',
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const dup of tree.graph.duplicates) {
        const [first, ...rest] = dup.modules;
        if (!first) continue;
        for (const m of rest) {
          out.push(
            finding(
              duplicateRevision.meta,
              m.path,
              revisionRange(m),
              `revision ${dup.revision} is also declared by ${first.path}; Alembic keeps only one of them, so give this file a new revision id.`,
              [revisionRelated(first, 'first declared here')],
            ),
          );
        }
      }
    }
    return out;
  },
};
