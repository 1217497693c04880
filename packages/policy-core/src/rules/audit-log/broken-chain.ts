import { locateJson, parseJsonWithRanges } from '../../deploy/json-with-ranges.js';
import type { Finding, Range } from '../../finding.js';
import { LineIndex } from '../../text-position.js';
import type { AuditFacts, AuditRule } from './audit-facts.js';

function prevRange(facts: AuditFacts, line: number): Range {
  const text = facts.lines.lineText(line);
  const json = parseJsonWithRanges(text);
  const base = facts.lines.lineStart(line);
  if (!json.ok) return facts.lines.lineRange(line);
  const span = locateJson(json.node, ['prev']);
  return facts.lines.range(base + span.start, base + span.end);
}

function headRange(facts: AuditFacts): Range | undefined {
  if (facts.recordText === undefined) return undefined;
  const json = parseJsonWithRanges(facts.recordText);
  if (!json.ok) return undefined;
  const span = locateJson(json.node, ['audit_head']);
  return new LineIndex(facts.recordText).range(span.start, span.end);
}

/** AUD002: the hash chain is broken: an entry was deleted, edited, reordered, or the tail truncated. */
export const brokenChain: AuditRule = {
  meta: {
    id: 'AUD002',
    family: 'AUD',
    defaultSeverity: 'error',
    title: 'audit log hash chain is broken',
    description:
      "Each audit entry's prev is the SHA-256 of the line before it, and the deploy record's audit_head is the " +
      'SHA-256 of the last line. An entry whose prev does not match, or a record whose audit_head matches no ' +
      'line, means an entry was deleted, edited or reordered, or the tail was truncated: the log no longer proves ' +
      'what happened to production. Restore the log from git history; never rewrite prev by hand.',
  },
  check(_ctx, facts) {
    const out: Finding[] = [];
    for (const issue of facts.log.issues) {
      if (issue.kind === 'chain') {
        out.push({
          rule: this.meta.id,
          severity: this.meta.defaultSeverity,
          message: `Audit log line ${issue.line + 1}: ${issue.message}; restore the log from git.`,
          file: facts.path,
          range: prevRange(facts, issue.line),
        });
      } else if (issue.kind === 'head-missing') {
        const last = facts.lines.lineCount - (facts.text.endsWith('\n') ? 2 : 1);
        const related = headRange(facts);
        out.push({
          rule: this.meta.id,
          severity: this.meta.defaultSeverity,
          message: `${issue.message[0]?.toUpperCase()}${issue.message.slice(1)}; restore the log from git.`,
          file: facts.path,
          range: facts.lines.lineRange(Math.max(0, last)),
          ...(related
            ? { related: [{ file: facts.recordPath, range: related, message: 'audit_head recorded here' }] }
            : {}),
        });
      }
    }
    return out;
  },
};
