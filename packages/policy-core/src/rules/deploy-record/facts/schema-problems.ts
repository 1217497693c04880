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

/** A REC rule whose findings are the record parser's problems filed under its id. */
export function schemaRule(meta: Omit<RecordRule, 'check'>): RecordRule {
  return { ...meta, check: ({ record }) => (record ? problemsOf(meta, record) : []) };
}
