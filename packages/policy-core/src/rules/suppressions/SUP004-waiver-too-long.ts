import type { Finding } from '../../finding.js';
import type { SuppressionRun } from '../../suppressions/apply.js';
import type { Rule } from '../../rule.js';

const POLICY = 'version: 1\nmax_waiver_days: 90\nmigrations:\n  sql: ["db/migrations/*.sql"]\n';
const migration = (allow: string) =>
  `SET lock_timeout = '5s';\nDROP TABLE legacy_sessions; -- slipway: allow MIG001 ${allow}\n`;

/** SUP004: a suppression that lasts longer than the policy's `max_waiver_days` allows. */
export const waiverTooLong: Rule<SuppressionRun> = {
  id: 'SUP004',
  name: 'waiver-too-long',
  family: 'SUP',
  // The suppression rules judge the comments themselves: one comment cannot lift another.
  suppressible: false,
  // Stryker disable next-line StringLiteral: check-run.ts runs the SUP rules on the one suppression run and dispatches on no facts, so nothing reads this
  facts: 'suppressions',
  defaultSeverity: 'error',
  title: 'waiver longer than max_waiver_days',
  docs: {
    what:
      'The policy sets `max_waiver_days`, and a `slipway: allow` comment has no end (`until YYYY-MM-DD`) ' +
      'or ends further from the day of the check than that many days. It lifts nothing: the finding it ' +
      "covered is reported, saying why, and this finding sits on the comment. An entry of the policy's " +
      '`waivers:` list is held to the same bound, counted from its `approved_on` day when it has one.',
    why:
      'A team that bounds its exceptions wants each one to come back for review; a waiver without an ' +
      'end, or one set years ahead, is an exception nobody will look at again.',
    fix: 'Write an end within the limit: `-- slipway: allow MIG001 until 2027-01-31 -- reason`, or fix the finding.',
    suppress:
      'Set `rules: { SUP004: off }` (or another severity) in the policy, or raise `max_waiver_days` (a ' +
      'policy change POL004 shows as loosening); a suppression comment cannot suppress another one.',
    examples: [
      {
        verdict: 'flagged',
        file: 'db/migrations/0007_drop_legacy_sessions.sql',
        text: migration('-- archived to cold storage'),
        beside: { 'slipway.yaml': POLICY },
      },
      {
        verdict: 'fine',
        file: 'db/migrations/0007_drop_legacy_sessions.sql',
        text: migration('until 2026-02-28 -- archived to cold storage'),
        beside: { 'slipway.yaml': POLICY },
      },
    ],
  },
  check({ directives, policyWaivers }) {
    const comments = directives.flatMap(({ file, prefix, directive: d, tooLong }): Finding[] =>
      tooLong
        ? [
            {
              rule: this.id,
              severity: this.defaultSeverity,
              message:
                d.until === undefined
                  ? `waiver of ${d.rules.join(', ')} has no end, but the policy's max_waiver_days is ${tooLong.maxDays}: it lifts nothing; write \`${prefix} slipway: allow ${d.rules.join(', ')} until YYYY-MM-DD -- reason\` within ${tooLong.maxDays} days.`
                  : `waiver of ${d.rules.join(', ')} lasts until ${d.until}, more than the policy's max_waiver_days (${tooLong.maxDays}) from today: it lifts nothing; write an earlier \`until\`.`,
              file,
              range: d.range,
            },
          ]
        : [],
    );
    const entries = policyWaivers.flatMap(({ file, range, waiver: w, status }): Finding[] =>
      status.kind === 'too-long'
        ? [
            {
              rule: this.id,
              severity: this.defaultSeverity,
              message: `policy waiver of ${w.rule} lasts until ${w.until}, more than the policy's max_waiver_days (${status.maxDays}) from ${w.approved_on === undefined ? 'today' : `its approved_on day (${w.approved_on}) or today, whichever is earlier`}: it lifts nothing; set an earlier \`until\`.`,
              file,
              range,
            },
          ]
        : [],
    );
    return [...comments, ...entries];
  },
};
