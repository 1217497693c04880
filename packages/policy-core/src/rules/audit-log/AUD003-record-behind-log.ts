import { findingOf } from '../../rule.js';
import {
  auditLog,
  auditLogExample,
  auditSuppressDocs,
  LOG_AFTER_ROLLBACK,
  RECORD_AFTER_RELEASE,
  RECORD_AFTER_ROLLBACK,
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
  ROLLBACK_STARTED,
} from './facts/examples.js';
import type { AuditRule } from './facts/audit-facts.js';

/** AUD003: entries after the record's audit_head: a promote or rollback stopped before writing the record. */
export const recordBehindLog: AuditRule = {
  id: 'AUD003',
  name: 'record-behind-log',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'warning',
  title: 'audit log has entries the deploy record does not acknowledge',
  docs: {
    what:
      "The audit log has entries after the record's audit_head: a promote or rollback stopped before " +
      'writing the record.',
    why:
      'Slipway appends (and fsyncs) an audit entry before it writes the record, so a promote or ' +
      "rollback killed in between leaves entries after the record's audit_head. Nothing is lost, but " +
      'the record may not describe what production runs.',
    fix:
      'Read the entries (`slipway history`), check production, and run `slipway promote` or `slipway ' +
      'rollback` again; the next successful command acknowledges them.',
    suppress: auditSuppressDocs('AUD003'),
    examples: [
      auditLogExample(
        'flagged',
        auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED, ROLLBACK_STARTED),
        RECORD_AFTER_RELEASE,
      ),
      auditLogExample('fine', LOG_AFTER_ROLLBACK, RECORD_AFTER_ROLLBACK),
    ],
  },
  check({ log: facts, directory }) {
    if (directory || !facts) return [];
    return facts.log.issues.flatMap((issue) =>
      issue.kind === 'head-behind'
        ? [
            findingOf(
              this,
              facts.path,
              facts.lines.lineRange(issue.line),
              `${issue.message}; check production with \`slipway history\` and run the command again.`,
            ),
          ]
        : [],
    );
  },
};
