import { type AuditRule, isBlankLine } from './facts/audit-facts.js';

/** AUD001: a line of the audit log is not an audit event (or was cut off by an interrupted write). */
export const malformedLine: AuditRule = {
  meta: {
    id: 'AUD001',
    family: 'AUD',
    defaultSeverity: 'error',
    title: 'audit log line is malformed or torn',
    description:
      'Every line of the audit log (deploy.audit_log) is one JSON event: v, time, event, environment, from, to, ' +
      'actor, outcome, prev and optionally reason, pin and details. A line that is not such an event was edited by hand ' +
      'or cut off by a crash during an append (a torn last line). Slipway leaves such a line in place so that it ' +
      'is seen, and chains new entries past it; look at it, then delete it (the chain stays intact: malformed ' +
      'lines are not part of it). A blank line is not malformed: AUD004 reports it.',
  },
  check(_ctx, facts) {
    return facts.log.issues.flatMap((issue) =>
      // The chain reader counts a blank line as malformed; it holds no event to account for (AUD004).
      issue.kind === 'malformed' && !isBlankLine(facts, issue.line)
        ? [
            {
              rule: this.meta.id,
              severity: this.meta.defaultSeverity,
              message: `Audit log line ${issue.line + 1}: ${issue.message}; inspect it and delete it once its event is accounted for.`,
              file: facts.path,
              range: facts.lines.lineRange(issue.line),
            },
          ]
        : [],
    );
  },
};
