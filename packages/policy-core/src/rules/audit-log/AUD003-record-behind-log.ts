import {
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
  ROLLBACK_STARTED,
  ROLLBACK_SUCCEEDED,
  auditLog,
  deployRecord,
} from '../audit-log/facts/examples.js';
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
    suppress:
      'The audit log is JSON lines, without comments: set `rules: { AUD003: off }` (or another ' +
      'severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'infrastructure/deploy-audit.jsonl',
        text: auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED, ROLLBACK_STARTED),
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json': deployRecord({
            last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            deployed_at: '2025-12-09T10:03:12Z',
            previous_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
            event: 'PROMOTE',
            actor: { name: 'ada', kind: 'human' },
            reason: 'release 2025.12.2',
            audit_head: 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0',
          }),
        },
      },
      {
        verdict: 'fine',
        file: 'infrastructure/deploy-audit.jsonl',
        text: auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED, ROLLBACK_STARTED, ROLLBACK_SUCCEEDED),
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json': deployRecord({
            last_good_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
            deployed_at: '2025-12-09T11:21:40Z',
            previous_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            event: 'SYSTEM_CORRECTION_EVENT',
            rolled_back_from: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            actor: { name: 'ada', kind: 'human' },
            reason: '5xx after release 2025.12.2',
            pinned: true,
            pinned_reason: '5xx after release 2025.12.2',
            audit_head: 'b5a8edeba2ba2c3a46cc3323789b36441a9d0987eec450beb745c4c0fe3b8df4',
          }),
        },
      },
    ],
  },
  check({ log: facts, directory }) {
    if (directory || !facts) return [];
    return facts.log.issues.flatMap((issue) =>
      issue.kind === 'head-behind'
        ? [
            {
              rule: this.id,
              severity: this.defaultSeverity,
              message: `${issue.message}; check production with \`slipway history\` and run the command again.`,
              file: facts.path,
              range: facts.lines.lineRange(issue.line),
            },
          ]
        : [],
    );
  },
};
