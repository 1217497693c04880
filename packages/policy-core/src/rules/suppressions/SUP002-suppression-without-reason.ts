import type { Finding } from '../../finding.js';
import type { SuppressionRun } from '../../suppressions/apply.js';
import type { Rule } from '../../rule.js';
import { dropSessionsExample, SUPPRESSED_DROP, supSuppressDocs } from './facts/examples.js';

/** SUP002: a suppression without a reason, or not in the `RULE -- reason` form. */
export const suppressionWithoutReason: Rule<SuppressionRun> = {
  id: 'SUP002',
  name: 'suppression-without-reason',
  family: 'SUP',
  // Stryker disable next-line StringLiteral: check-run.ts runs the SUP rules on the one suppression run and dispatches on no facts, so nothing reads this
  facts: 'suppressions',
  defaultSeverity: 'error',
  // It judges the comments themselves.
  suppressible: false,
  title: 'suppression without a reason',
  docs: {
    what:
      'A suppression comment without a reason, or not in the form `# slipway: allow RULE -- reason` ' +
      '(`-- slipway: allow …` in SQL), e.g. one dash before the reason.',
    why:
      'A suppression must say why, so that a reviewer can judge it; one without a reason, or in another ' +
      'form, suppresses nothing.',
    fix: 'Write it as `# slipway: allow MIG001 -- table moved to archive service`.',
    suppress: supSuppressDocs('SUP002'),
    examples: [
      dropSessionsExample('flagged', 'op.drop_table("legacy_sessions")  # slipway: allow MIG001'),
      dropSessionsExample('fine', SUPPRESSED_DROP),
    ],
  },
  check({ directives }) {
    const out: Finding[] = [];
    for (const { file, prefix, directive: d } of directives) {
      const message = d.malformed
        ? `suppression is not in the form \`${prefix} slipway: allow RULE -- reason\` (two dashes before the reason) and suppresses nothing; rewrite it.`
        : d.badUntil !== undefined
          ? `waiver date \`${d.badUntil}\` is not a calendar day written YYYY-MM-DD, so the suppression lifts nothing; write \`until 2027-01-31\` (the last day it counts, UTC).`
          : !d.reason
            ? `suppression of ${d.rules.join(', ')} has no reason; write \`${prefix} slipway: allow ${d.rules.join(', ')} -- why\`.`
            : undefined;
      if (message) out.push({ rule: this.id, severity: this.defaultSeverity, message, file, range: d.range });
    }
    return out;
  },
};
