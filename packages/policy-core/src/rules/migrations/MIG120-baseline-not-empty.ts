import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { revisionFile } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

const BASELINE_FILE = 'alembic/versions/5a9d6371e18c_baseline.py';
const BASELINE_POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n  baseline: 5a9d6371e18c\n';

/** The examples' first revision, standing for the schema production had before Alembic. */
function baselineRevision(upgrade: string, downgrade: string): string {
  return revisionFile({
    title: 'baseline: the schema production had before Alembic',
    rev: '5a9d6371e18c',
    down: null,
    upgrade,
    downgrade,
  });
}

/** MIG120: the policy's baseline revision is missing or not empty. */
export const baselineNotEmpty: MigHistoryRule = {
  id: 'MIG120',
  name: 'baseline-not-empty',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'baseline revision missing or not empty',
  docs: {
    what:
      "The policy's baseline revision (`migrations.baseline`) names no revision of the Alembic trees, " +
      'or its `upgrade()` or `downgrade()` does more than `pass`.',
    why:
      'An existing production database is stamped at the baseline revision (`slipway db ' +
      'stamp-baseline`) without running it. A baseline that does something makes databases created ' +
      'from the history differ from the stamped production one, and a downgrade past it drops ' +
      'production tables.',
    fix:
      'Empty the baseline (both functions only `pass`) and move its operations into a later revision, ' +
      'or point `migrations.baseline` at the right revision.',
    suppress: suppressDocs('MIG120'),
    examples: [
      {
        verdict: 'flagged',
        file: BASELINE_FILE,
        text: baselineRevision(
          'op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))',
          'op.drop_table("users")',
        ),
        beside: { 'slipway.yaml': BASELINE_POLICY },
      },
      {
        verdict: 'fine',
        file: BASELINE_FILE,
        text: baselineRevision('pass', 'pass'),
        beside: { 'slipway.yaml': BASELINE_POLICY },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const baseline = facts.section.baseline;
    if (baseline === undefined) return [];
    const policy = facts.ctx.policy;
    const node = facts.analysis.trees.map((t) => t.graph.get(baseline)).find((n) => n !== undefined);
    if (!node) {
      const trees = facts.analysis.trees.map((t) => t.root).join(', ') || '(no migrations.alembic folder)';
      return [
        findingOf(
          baselineNotEmpty,
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
        findingOf(
          baselineNotEmpty,
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
