import { pathAtBase } from '../../../change-set.js';
import type { AuditEntry } from '../../../deploy/audit-chain.js';
import { parseDeployRecord, wellFormedAuditHead } from '../../../deploy/record-parse.js';
import type { Finding } from '../../../finding.js';
import type { CheckContext } from '../../../rule.js';
import { type RecordFacts, valueSpan } from './record-facts.js';

type Draft = Omit<Finding, 'rule' | 'severity'>;

/**
 * The record's audit_head at the change's base must still be there at head, at the same entry
 * or a later one. REC008 checks the record against the log up to audit_head and is silent
 * without one (a two-field record written before Slipway), so a change that drops the head, or
 * moves it back before entries that contradict the record, would silence it. Slipway's own
 * commands only ever move it forward. Undefined when the base had no head, or the change keeps
 * or advances it; a head the log does not hold is AUD002's and AUD005's.
 * `entries` is asked only when the head must be placed in the log.
 */
export function anchorSinceBase(
  ctx: CheckContext,
  facts: RecordFacts,
  head: string | undefined,
  entries: () => readonly AuditEntry[] | undefined,
): Draft | undefined {
  const change = ctx.change;
  if (!change?.readBase) return undefined;
  const baseText = change.readBase(pathAtBase(change, facts.path));
  const before = baseText === undefined ? undefined : wellFormedAuditHead(parseDeployRecord(baseText));
  // Stryker disable next-line ConditionalExpression: an unmoved anchor (before === head) is also caught below (now >= was); this spares reading the log
  if (!before || before === head) return undefined;
  const base = change.base.slice(0, 12);
  const restore = `restore it (\`git checkout ${base} -- ${facts.path}\`) and let \`slipway promote\` or \`slipway rollback\` write the record`;
  if (!head)
    return {
      message: `The record's audit_head is gone: at the base ${base} it named the audit entry ${before.slice(0, 12)}…, and without it the record is no longer checked against the audit log (REC008); a record loses its anchor only by hand: ${restore}.`,
      file: facts.path,
      range: facts.lines.lineRange(0),
    };
  const log = entries();
  if (!log) return undefined;
  const at = (hash: string) => log.findIndex((e) => e.hash === hash);
  const was = at(before);
  const now = at(head);
  // An entry the base named that the log no longer has (was < 0) leaves now >= was: nothing to compare.
  // Stryker disable next-line EqualityOperator: now === was only when head === before, returned above
  if (now < 0 || now >= was) return undefined;
  return {
    message: `The record's audit_head moved back: at the base ${base} it named audit entry ${before.slice(0, 12)}… (line ${(log[was] as AuditEntry).line + 1}), now the earlier ${head.slice(0, 12)}… (line ${(log[now] as AuditEntry).line + 1}), so the entries between are no longer checked against the record (REC008); Slipway only moves it forward: ${restore}.`,
    file: facts.path,
    range: valueSpan(facts, ['audit_head']),
  };
}
