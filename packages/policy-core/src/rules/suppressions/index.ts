import type { RuleMeta } from '../rule.js';

/** Suppression directives are applied by the engine (`suppressions/`); these are their rules. */
export const unusedSuppression: RuleMeta = {
  id: 'SUP001',
  family: 'SUP',
  defaultSeverity: 'warning',
  title: 'suppression that suppresses nothing',
  description:
    'A `slipway: allow RULE -- reason` comment names a rule that reports nothing on its line (or the line ' +
    'below it), or names no known rule. Stale suppressions hide the next real finding: remove it, or fix ' +
    'the rule id.',
};

export const suppressionWithoutReason: RuleMeta = {
  id: 'SUP002',
  family: 'SUP',
  defaultSeverity: 'error',
  title: 'suppression without a reason',
  description:
    'Every suppression must say why: `# slipway: allow MIG001 -- table moved to archive service` ' +
    '(`-- slipway: allow …` in SQL). A suppression without a reason, or not in that form (one dash ' +
    'before the reason, say), does not suppress anything.',
};

export const suppressionRules: RuleMeta[] = [unusedSuppression, suppressionWithoutReason];
