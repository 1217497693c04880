import type { AuditRule } from './facts/audit-facts.js';

/** AUD003: entries after the record's audit_head: a promote or rollback stopped before writing the record. */
export const recordBehindLog: AuditRule = {
  meta: {
    id: 'AUD003',
    family: 'AUD',
    defaultSeverity: 'warning',
    title: 'audit log has entries the deploy record does not acknowledge',
    description:
      'Slipway appends (and fsyncs) an audit entry before it writes the record, so a promote or rollback that was ' +
      "killed in between leaves entries after the record's audit_head. Nothing is lost, but the record may not " +
      'describe what production runs: read the entries (`slipway history`), check production, and run ' +
      '`slipway promote` or `slipway rollback` again; the next successful command acknowledges them.',
  },
  check(_ctx, facts) {
    return facts.log.issues.flatMap((issue) =>
      issue.kind === 'head-behind'
        ? [
            {
              rule: this.meta.id,
              severity: this.meta.defaultSeverity,
              message: `${issue.message}; check production with \`slipway history\` and run the command again.`,
              file: facts.path,
              range: facts.lines.lineRange(issue.line),
            },
          ]
        : [],
    );
  },
};
