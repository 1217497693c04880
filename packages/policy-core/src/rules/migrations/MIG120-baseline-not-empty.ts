import type { Finding } from '../../finding.js';
import { finding, type MigFacts, type MigRule } from './facts/mig-facts.js';

/** MIG120: the policy's baseline revision is missing or not empty. */
export const baselineNotEmpty: MigRule = {
  meta: {
    id: 'MIG120',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'baseline revision missing or not empty',
    description:
      'An existing production database is stamped at the baseline revision (`slipway db stamp-baseline`) without ' +
      'running it, so the baseline must be empty: `upgrade()` and `downgrade()` only `pass`. Otherwise databases ' +
      'created from the history and the stamped production one differ, and a downgrade past the baseline drops ' +
      'production tables. `migrations.baseline` must name a revision of one of the Alembic trees.',
  },
  check(facts: MigFacts): Finding[] {
    const baseline = facts.section.baseline;
    if (baseline === undefined) return [];
    const policy = facts.ctx.policy;
    const node = facts.analysis.trees.map((t) => t.graph.get(baseline)).find((n) => n !== undefined);
    if (!node) {
      const trees = facts.analysis.trees.map((t) => t.root).join(', ') || '(no migrations.alembic folder)';
      return [
        finding(
          baselineNotEmpty.meta,
          policy.file,
          policy.locate(['migrations', 'baseline']),
          `baseline revision "${baseline}" is not declared by any migration in ${trees}; fix migrations.baseline or restore the baseline migration.`,
        ),
      ];
    }
    const out: Finding[] = [];
    const m = node.module;
    const related = [
      {
        file: policy.file,
        range: policy.locate(['migrations', 'baseline']),
        message: 'the baseline named here',
      },
    ];
    for (const which of ['upgrade', 'downgrade'] as const) {
      const fn = m[which];
      if (!fn || fn.shape === 'empty' || (which === 'downgrade' && fn.shape === 'irreversible')) continue;
      out.push(
        finding(
          baselineNotEmpty.meta,
          m.path,
          fn.range,
          `the baseline revision's ${which}() is not empty, but databases are stamped at the baseline without running it; move these operations into a new revision after the baseline and leave ${which}() as \`pass\`.`,
          related,
        ),
      );
    }
    return out;
  },
};
