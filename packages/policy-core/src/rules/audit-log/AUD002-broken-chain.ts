import { locateJson, parseJsonWithRanges } from '../../deploy/json-with-ranges.js';
import type { Finding, Range } from '../../finding.js';
import { LineIndex } from '../../text-position.js';
import { findingOf, type CheckContext } from '../../rule.js';
import {
  auditLog,
  auditLogExample,
  auditSuppressDocs,
  LOG_AFTER_RELEASE,
  RECORD_AFTER_RELEASE,
  RELEASE_SUCCEEDED,
} from './facts/examples.js';
import type { AuditFacts, AuditRule } from './facts/audit-facts.js';

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

/**
 * The log file is gone while the record names its last entry. There is no file to put the
 * finding in, so it sits on the record's audit_head (what proves an entry existed), with the
 * policy key that names the missing path beside it.
 */
function missingLog(ctx: CheckContext, facts: AuditFacts, rule: AuditRule): Finding {
  const policyKey = {
    file: ctx.policy.file,
    range: ctx.policy.locate(['deploy', 'audit_log']),
    message: 'the audit log is configured here (deploy.audit_log)',
  };
  const head = headRange(facts);
  return {
    rule: rule.id,
    severity: rule.defaultSeverity,
    message: `The audit log ${facts.path} (deploy.audit_log) does not exist, but the record's audit_head names an entry of it: the log was deleted or deploy.audit_log was changed; restore the log from git (or point deploy.audit_log back at it).`,
    ...(head
      ? { file: facts.recordPath, range: head, related: [policyKey] }
      : { file: policyKey.file, range: policyKey.range }),
  };
}

/** AUD002: the hash chain is broken: an entry was deleted, edited, reordered, or the tail truncated. */
export const brokenChain: AuditRule = {
  id: 'AUD002',
  name: 'broken-chain',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit log hash chain is broken',
  docs: {
    what: 'The hash chain is broken: an entry was deleted, edited, reordered, or the tail truncated.',
    why:
      "Each audit entry's prev is the SHA-256 of the line before it, and the deploy record's " +
      'audit_head is the SHA-256 of the last line. An entry whose prev does not match, or a record ' +
      'whose audit_head matches no line, means an entry was deleted, edited or reordered, or the tail ' +
      'was truncated: the log no longer proves what happened to production. A record with other ' +
      'problems (REC001–REC003) is still held to its audit_head when that value is well formed.',
    fix: 'Restore the log from git history; never rewrite prev by hand.',
    suppress: auditSuppressDocs('AUD002'),
    examples: [
      auditLogExample('flagged', auditLog(RELEASE_SUCCEEDED), RECORD_AFTER_RELEASE),
      auditLogExample('fine', LOG_AFTER_RELEASE, RECORD_AFTER_RELEASE),
    ],
  },
  check({ ctx, log: facts, directory }) {
    if (directory || !facts) return [];
    const out: Finding[] = [];
    for (const issue of facts.log.issues) {
      if (issue.kind === 'chain') {
        out.push(
          findingOf(
            this,
            facts.path,
            prevRange(facts, issue.line),
            `Audit log line ${issue.line + 1}: ${issue.message}; restore the log from git.`,
          ),
        );
      } else if (issue.kind === 'head-missing') {
        if (facts.missing) {
          out.push(missingLog(ctx, facts, this));
          continue;
        }
        const lastEntry = facts.log.entries[facts.log.entries.length - 1];
        const related = headRange(facts);
        out.push({
          rule: this.id,
          severity: this.defaultSeverity,
          message: lastEntry
            ? "The record's audit_head matches no entry of the audit log: the log's tail was truncated or edited; restore the log from git."
            : "The audit log has no entries, but the record's audit_head names one: the log was emptied; restore it from git.",
          file: facts.path,
          // The last entry is where the missing tail should follow; an empty log has only line 1.
          range: facts.lines.lineRange(lastEntry?.line ?? 0),
          ...(related
            ? { related: [{ file: facts.recordPath, range: related, message: 'audit_head recorded here' }] }
            : {}),
        });
      }
    }
    return out;
  },
};
