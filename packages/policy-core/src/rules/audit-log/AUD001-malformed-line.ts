import { findingOf } from '../../rule.js';
import { directoryPathFinding } from '../directory-path-finding.js';
import { type AuditRule, isBlankLine } from './facts/audit-facts.js';
import {
  auditLogExample,
  auditSuppressDocs,
  LOG_AFTER_RELEASE,
  RECORD_AFTER_RELEASE,
} from './facts/examples.js';

/** AUD001: a line of the audit log is not an audit event (or was cut off by an interrupted write). */
export const malformedLine: AuditRule = {
  id: 'AUD001',
  name: 'malformed-line',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit log line is malformed or torn',
  docs: {
    what:
      'A line of the audit log (deploy.audit_log) is not an audit event: not JSON, or not an object ' +
      'with v, time, event, environment, from, to, actor, outcome and prev (and optionally reason, ' +
      'pin and details). A blank line is not malformed: AUD004 reports it.',
    why:
      'Such a line was edited by hand or cut off by a crash during an append (a torn last line). ' +
      'Slipway leaves it in place so that it is seen, and chains new entries past it.',
    fix:
      'Look at the line, then delete it: the chain stays intact, since malformed lines are not part ' +
      'of it.',
    suppress: auditSuppressDocs('AUD001'),
    examples: [
      auditLogExample(
        'flagged',
        LOG_AFTER_RELEASE + '{"v":1,"time":"2025-12-09T11:20:00Z","event":"SYSTEM_CORRECTION_EVENT"',
        RECORD_AFTER_RELEASE,
      ),
      auditLogExample('fine', LOG_AFTER_RELEASE, RECORD_AFTER_RELEASE),
    ],
  },
  check({ ctx, log: facts, directory }) {
    // Read as an empty log, a directory would look like a truncated one (AUD002).
    if (directory) return [directoryPathFinding(ctx, this, 'audit_log')].filter((f) => f !== undefined);
    if (!facts) return [];
    return facts.log.issues.flatMap((issue) =>
      // The chain reader counts a blank line as malformed; it holds no event to account for (AUD004).
      issue.kind === 'malformed' && (issue.whole || !isBlankLine(facts, issue.line))
        ? [
            findingOf(
              this,
              facts.path,
              facts.lines.lineRange(issue.line),
              issue.whole
                ? `The audit log cannot be read: ${issue.message}.`
                : `Audit log line ${issue.line + 1}: ${issue.message}; inspect it and delete it once its event is accounted for.`,
            ),
          ]
        : [],
    );
  },
};
