import type { Finding } from '../../finding.js';
import type { SuppressionRun } from '../../suppressions/apply.js';
import type { Rule } from '../../rule.js';

const migration = (allow: string) =>
  [
    '"""drop legacy sessions\n\nRevision ID: a1b2c3d4e5f6\nRevises:\nCreate Date: 2025-12-01 09:12:44.123456\n\n"""',
    'from alembic import op\n',
    'revision = "a1b2c3d4e5f6"',
    'down_revision = None\n\n',
    'def upgrade():',
    '    op.execute("SET lock_timeout = \'5s\'")',
    `    op.drop_table("legacy_sessions")  # slipway: allow MIG001 ${allow}\n\n`,
    'def downgrade():',
    '    raise NotImplementedError("irreversible: archived to cold storage")\n',
  ].join('\n');

/** SUP003: a `slipway: allow RULE until DAY -- reason` comment whose day has passed. */
export const expiredWaiver: Rule<SuppressionRun> = {
  id: 'SUP003',
  name: 'expired-waiver',
  family: 'SUP',
  // The suppression rules judge the comments themselves: one comment cannot lift another.
  suppressible: false,
  // Stryker disable next-line StringLiteral: check-run.ts runs the SUP rules on the one suppression run and dispatches on no facts, so nothing reads this
  facts: 'suppressions',
  defaultSeverity: 'warning',
  title: 'waiver past its until date',
  docs: {
    what:
      'A suppression written with an end, `# slipway: allow RULE until 2027-01-31 -- reason`, whose day ' +
      'has passed (it counts through the end of that day, UTC). It lifts nothing any more: the finding it ' +
      'covered is reported again, saying which waiver expired, and this finding sits on the comment. ' +
      "An entry of the policy's `waivers:` list past its `until` day is reported the same way, at the entry.",
    why:
      'An exception granted for a while ("until the archive job has run") ends by itself instead of ' +
      'lasting forever; the date is how a reviewer bounds it, and its passing must be seen.',
    fix: 'Fix what the finding says and remove the comment, or write a later date with a reason a reviewer accepts.',
    suppress:
      'Set `rules: { SUP003: off }` (or another severity) in the policy; a suppression comment cannot ' +
      'suppress another one.',
    examples: [
      {
        verdict: 'flagged',
        file: 'alembic/versions/a1b2c3d4e5f6_drop_legacy_sessions.py',
        text: migration('until 2025-06-30 -- archived to cold storage'),
      },
      {
        verdict: 'fine',
        file: 'alembic/versions/a1b2c3d4e5f6_drop_legacy_sessions.py',
        text: migration('until 2030-06-30 -- archived to cold storage'),
      },
    ],
  },
  check({ directives, policyWaivers }) {
    const comments = directives
      .filter((j) => j.expired)
      .map(
        ({ file, prefix, directive: d }): Finding => ({
          rule: this.id,
          severity: this.defaultSeverity,
          message: `waiver of ${d.rules.join(', ')} expired on ${d.until}: it lifts nothing now; fix the finding and remove \`${prefix} slipway: allow\`, or write a later \`until\` with a reason a reviewer accepts.`,
          file,
          range: d.range,
        }),
      );
    const entries = policyWaivers
      .filter((j) => j.status.kind === 'expired')
      .map(
        ({ file, range, waiver: w }): Finding => ({
          rule: this.id,
          severity: this.defaultSeverity,
          message: `policy waiver of ${w.rule} for ${w.paths.join(', ')} (approved by ${w.approved_by}) expired on ${w.until}: it lifts nothing now; fix the findings and remove the entry, or set a later \`until\` with a reason a reviewer accepts.`,
          file,
          range,
        }),
      );
    return [...comments, ...entries];
  },
};
