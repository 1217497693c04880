import { appendAll } from '../../append-all.js';
import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { addUserColumn, createUsers } from './facts/examples.js';
import { revisionRange } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG101: down_revision (or depends_on) names a revision the tree does not have. */
export const missingParent: MigHistoryRule = {
  id: 'MIG101',
  name: 'missing-parent',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'parent revision not found',
  docs: {
    what:
      "A revision's `down_revision` (or `depends_on`) names a revision no file in the tree declares, " +
      'or is computed at run time (a function call) and cannot be followed.',
    why:
      "Alembic cannot build the history and every command fails, the deploy's `alembic upgrade head` " +
      'included. Usually a parent file was deleted or renamed, or the id was mistyped.',
    fix:
      'Restore the parent or correct the id; write it as a string literal (a tuple for merges, None ' +
      'for a base).',
    suppress: suppressDocs('MIG101'),
    examples: [
      {
        verdict: 'flagged',
        file: 'alembic/versions/9f8e7d6c5b4a_add_user_locale.py',
        text: addUserColumn('locale', { rev: '9f8e7d6c5b4a', down: '3b7c2e9d41a1' }),
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
        },
      },
      {
        verdict: 'fine',
        file: 'alembic/versions/9f8e7d6c5b4a_add_user_locale.py',
        text: addUserColumn('locale', { rev: '9f8e7d6c5b4a', down: '3b7c2e9d41a0' }),
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
        },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const { node, parent, via } of tree.graph.missingParents) {
        const m = node.module;
        const range =
          (via === 'down_revision' ? m.downRevision?.range : m.dependsOn?.range) ?? revisionRange(m);
        out.push(
          findingOf(
            missingParent,
            m.path,
            range,
            m.django
              ? `dependencies of migration ${m.django.app}.${node.revision} name ("${m.django.app}", "${parent}"), which no migration in ${tree.root} is; fix the name or restore the missing migration.`
              : `${via} of revision ${node.revision} names "${parent}", which no migration in ${tree.root} declares; fix the id or restore the missing revision.`,
          ),
        );
      }
      for (const m of tree.modules) {
        if (!m.isMigration || !m.revision || m.syntaxError) continue;
        if (m.downRevision?.dynamic) {
          out.push(
            findingOf(
              missingParent,
              m.path,
              m.downRevision.range,
              m.django
                ? `dependencies of migration ${m.django.app}.${m.revision.value} are computed at run time, so which migrations it follows cannot be found; write them as a literal list of ("app", "migration") pairs.`
                : `down_revision of revision ${m.revision.value} is computed at run time, so its parent cannot be found; write it as a string literal (a tuple for a merge, None for a base).`,
            ),
          );
        } else if (!m.downRevision) {
          out.push(
            findingOf(
              missingParent,
              m.path,
              revisionRange(m),
              `revision ${m.revision.value} declares no down_revision, which Alembic requires; add \`down_revision = None\` for a base or the parent's id.`,
            ),
          );
        }
      }
    }
    appendAll(out, djangoMissingRefs(facts));
    return out;
  },
};

/**
 * A Django migration's dependency or run_before on another app configured in `migrations.django`
 * that no migration of that app is (nor one a squashed migration there replaces). Apps not
 * configured (Django's own, a library's) are not read, so their migrations are not looked for.
 */
function djangoMissingRefs(facts: MigFacts): Finding[] {
  const apps = new Map<string, Set<string>>();
  for (const tree of facts.analysis.trees) {
    if (tree.django === undefined) continue;
    const names = apps.get(tree.django) ?? new Set<string>();
    for (const m of tree.modules) {
      if (m.revision) names.add(m.revision.value);
      for (const r of m.django?.replaces ?? []) if (r.app === tree.django) names.add(r.name);
    }
    apps.set(tree.django, names);
  }
  const out: Finding[] = [];
  for (const tree of facts.analysis.trees) {
    for (const m of tree.modules) {
      const d = m.django;
      if (!d || !m.revision || m.syntaxError) continue;
      for (const [key, refs] of [
        ['dependencies', d.crossApp],
        ['run_before', d.runBefore],
      ] as const) {
        for (const r of refs) {
          const names = apps.get(r.app);
          if (!names || r.name.startsWith('__') || names.has(r.name)) continue;
          out.push(
            findingOf(
              missingParent,
              m.path,
              r.range,
              `${key} of migration ${d.app}.${m.revision.value} name ("${r.app}", "${r.name}"), which no migration of app ${r.app} is; fix the name or restore the missing migration.`,
            ),
          );
        }
      }
    }
  }
  return out;
}
