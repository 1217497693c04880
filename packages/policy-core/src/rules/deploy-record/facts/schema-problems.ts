import type { Finding } from '../../../finding.js';
import type { RuleMeta } from '../../rule.js';
import type { RecordFacts, RecordRule } from './record-facts.js';

/** REC001–REC003 share one source, the record parser; each rule keeps the problems filed under it. */
export function problemsOf(rule: RuleMeta, facts: RecordFacts): Finding[] {
  return facts.parsed.problems
    .filter((p) => p.rule === rule.id)
    .map((p) => ({
      rule: rule.id,
      severity: rule.defaultSeverity,
      message: p.message,
      file: facts.path,
      range: facts.lines.range(p.start, p.end),
    }));
}

export function schemaRule(meta: RuleMeta): RecordRule {
  return { meta, check: (_ctx, facts) => problemsOf(meta, facts) };
}
