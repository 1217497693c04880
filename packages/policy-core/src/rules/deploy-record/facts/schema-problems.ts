import type { Finding } from '../../../finding.js';
import { findingOf, type RuleMeta } from '../../../rule.js';
import type { RecordFacts, RecordRule } from './record-facts.js';

/** REC001–REC003 share one source, the record parser; each rule keeps the problems filed under it. */
export function problemsOf(rule: RuleMeta, facts: RecordFacts): Finding[] {
  return facts.parsed.problems
    .filter((p) => p.rule === rule.id)
    .map((p) => findingOf(rule, facts.path, facts.lines.range(p.start, p.end), p.message));
}

/** A REC rule whose findings are the record parser's problems filed under its id. */
export function schemaRule(meta: Omit<RecordRule, 'check'>): RecordRule {
  return { ...meta, check: ({ record }) => (record ? problemsOf(meta, record) : []) };
}
