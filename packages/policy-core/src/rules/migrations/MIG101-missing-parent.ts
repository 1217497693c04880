import type { Finding } from '../../finding.js';
import { finding, type MigFacts, type MigRule } from './facts/mig-facts.js';
import { revisionRange } from './facts/revision-location.js';

/** MIG101: down_revision (or depends_on) names a revision the tree does not have. */
export const missingParent: MigRule = {
  meta: {
    id: 'MIG101',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'parent revision not found',
    description:
      "A revision's `down_revision` (or `depends_on`) names a revision no file in the tree declares, so Alembic " +
      'cannot build the history and every command fails. Usually a parent file was deleted or renamed, or the id ' +
      'was mistyped. A `down_revision` computed at run time (a function call) cannot be followed either: write the ' +
      'id as a string literal (a tuple for merges, None for a base).',
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const { node, parent, via } of tree.graph.missingParents) {
        const m = node.module;
        const range =
          (via === 'down_revision' ? m.downRevision?.range : m.dependsOn?.range) ?? revisionRange(m);
        out.push(
          finding(
            missingParent.meta,
            m.path,
            range,
            `${via} of revision ${node.revision} names "${parent}", which no migration in ${tree.root} declares; fix the id or restore the missing revision.`,
          ),
        );
      }
      for (const m of tree.modules) {
        if (!m.isMigration || !m.revision || m.syntaxError) continue;
        if (m.downRevision?.dynamic) {
          out.push(
            finding(
              missingParent.meta,
              m.path,
              m.downRevision.range,
              `down_revision of revision ${m.revision.value} is computed at run time, so its parent cannot be found; write it as a string literal (a tuple for a merge, None for a base).`,
            ),
          );
        } else if (!m.downRevision) {
          out.push(
            finding(
              missingParent.meta,
              m.path,
              revisionRange(m),
              `revision ${m.revision.value} declares no down_revision, which Alembic requires; add \`down_revision = None\` for a base or the parent's id.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
