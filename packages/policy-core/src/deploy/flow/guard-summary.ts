import type { Finding, Severity } from '../../finding.js';
import { familyOfRuleId } from '../../rule-family.js';
import type { CountsByFamily } from './results.js';

/** How many findings each family has at each severity. */
export function countsByFamily(findings: readonly Finding[]): CountsByFamily {
  const out: CountsByFamily = {};
  for (const f of findings) {
    const family = familyOfRuleId(f.rule);
    out[family] ??= { error: 0, warning: 0, info: 0 };
    out[family][f.severity as Severity]++;
  }
  return out;
}

/** Whether the guard blocks a deploy: an error finding, or a step that could not look. */
export function guardBlocks(findings: readonly Finding[], failures: readonly string[]): boolean {
  return failures.length > 0 || findings.some((f) => f.severity === 'error');
}
