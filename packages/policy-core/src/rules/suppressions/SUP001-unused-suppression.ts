import type { Finding } from '../../finding.js';
import type { SuppressionRun } from '../../suppressions/apply.js';
import { findingOf, type Rule } from '../../rule.js';
import { dropSessionsExample, SUPPRESSED_DROP, supSuppressDocs } from './facts/examples.js';

/** SUP001: a suppression that suppresses nothing, or names no known rule. */
export const unusedSuppression: Rule<SuppressionRun> = {
  id: 'SUP001',
  name: 'unused-suppression',
  family: 'SUP',
  // Stryker disable next-line StringLiteral: check-run.ts runs the SUP rules on the one suppression run and dispatches on no facts, so nothing reads this
  facts: 'suppressions',
  defaultSeverity: 'warning',
  // It judges the comments themselves.
  suppressible: false,
  editorTags: ['unnecessary'],
  title: 'suppression that suppresses nothing',
  docs: {
    what:
      'A `slipway: allow RULE -- reason` comment names a rule that reports nothing on its line (or the ' +
      'line below it), names no known rule, or names a rule a comment cannot silence (the PATH rules: ' +
      'a comment in the changed file would let a change approve itself).',
    why: 'A stale suppression hides the next real finding on that line.',
    fix: 'Remove the comment, or fix the rule id.',
    suppress: supSuppressDocs('SUP001'),
    examples: [
      dropSessionsExample(
        'flagged',
        '# slipway: allow MIG002 -- nothing here drops a column',
        SUPPRESSED_DROP,
      ),
      dropSessionsExample('fine', SUPPRESSED_DROP),
    ],
  },
  check({ directives }) {
    return directives.flatMap(({ file, directive: d, stale }) =>
      stale.map(
        ({ rule, unknown, unsuppressible }): Finding =>
          findingOf(
            this,
            file,
            d.range,
            unknown
              ? `suppression names unknown rule \`${rule}\`; fix the id (see \`slipway explain\`) or remove it.`
              : unsuppressible
                ? `${rule} cannot be suppressed with a comment: the policy decides what is protected and where agents may write; remove it.`
                : `suppression of ${rule} suppresses nothing on line ${d.targetLine + 1}; remove it.`,
          ),
      ),
    );
  },
};
