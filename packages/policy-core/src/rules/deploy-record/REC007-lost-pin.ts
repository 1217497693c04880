import { type LogPin, logPin } from '../../deploy/log-pin.js';
import { auditLogs } from '../audit-log/facts/audit-logs.js';
import { LineIndex } from '../../text-position.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import type { CheckContext } from '../../rule.js';
import { deployRecord, RECORD_AFTER_ROLLBACK } from '../audit-log/facts/examples.js';
import { type RecordRule, valueSpan } from './facts/record-facts.js';
import { besideRollbackLog, recSuppressDocs } from './facts/examples.js';

/**
 * REC007: the record is not pinned but the audit log says production is. Only the record's
 * missing pin is flagged: a record pinned where the log is silent may come from a rollback
 * logged before `pin` was (the record alone decided then), and an extra pin blocks, it never
 * lets a deploy through.
 */
export const lostPin: RecordRule = {
  id: 'REC007',
  name: 'lost-pin',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record lost the pin the audit log records',
  docs: {
    what:
      "The record is not pinned but the audit log says production is. Only the record's missing pin " +
      'is flagged: a record pinned where the log is silent may come from a rollback logged before ' +
      '`pin` was (the record alone decided then), and an extra pin blocks, it never lets a deploy ' +
      'through.',
    why:
      "A manual or watch-triggered rollback pins production: the record's pinned (and pinned_reason) " +
      'stop promotes until a human runs `slipway unpin --reason`, which logs UNPIN. The audit log ' +
      'records the pin too (the rollback entry carries "pin": true). A record without pinned while ' +
      'the log has such a rollback and no later UNPIN was edited by hand (or its rollback was ' +
      'interrupted before the record was written): Slipway still treats production as pinned and ' +
      'refuses promotes.',
    fix:
      'Do not restore or drop pinned by hand; a human who decided production may move again runs ' +
      '`slipway unpin --reason`.',
    suppress: recSuppressDocs('REC007'),
    examples: [
      besideRollbackLog(
        'flagged',
        deployRecord({
          last_good_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
          deployed_at: '2025-12-09T11:21:40Z',
          previous_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
          event: 'SYSTEM_CORRECTION_EVENT',
          rolled_back_from: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
          audit_head: 'b5a8edeba2ba2c3a46cc3323789b36441a9d0987eec450beb745c4c0fe3b8df4',
        }),
      ),
      besideRollbackLog('fine', RECORD_AFTER_ROLLBACK),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return missingRecordPinFindings(ctx);
    // The JSON as it is, valid or not: another problem in the record (REC001) does not hide a lost pin.
    const record = facts.parsed.raw;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
    const { pinned, audit_head } = record as { pinned?: unknown; audit_head?: unknown };
    if (pinned === true) return [];
    const logPath = facts.deploy.audit_log;
    const logText = ctx.repo.readFile(logPath);
    if (logText === undefined) return [];
    const head = typeof audit_head === 'string' ? audit_head : undefined;
    const log = auditLogs(ctx).verify(logText, head, ctx.sha256);
    const pin = logPin(log.entries, facts.deploy.production);
    if (!pin) return [];
    const where = 'pinned' in record ? ['pinned'] : ['last_good_sha'];
    return [
      {
        rule: this.id,
        severity: this.defaultSeverity,
        message: `The record is not pinned, but the audit log says ${facts.deploy.production} is pinned to ${pin.sha.slice(0, 12)} by a rollback at ${pin.time} (${pin.reason ?? 'no reason'}) and no UNPIN followed: the record lost its pin (hand edit?); a human must run \`slipway unpin --reason\`.`,
        file: facts.path,
        range: valueSpan(facts, where),
        related: [pinningRollback(logPath, logText, pin)],
      },
    ];
  },
};

/** Where the log proves the pin: the succeeded rollback's line. */
function pinningRollback(logPath: string, logText: string, pin: LogPin): RelatedLocation {
  return {
    file: logPath,
    range: new LineIndex(logText).lineRange(pin.line),
    message: 'the rollback that pinned production',
  };
}

/**
 * REC007 where the record file is gone altogether (so the REC rules, which read it, do not run)
 * while the log still pins production: deleting the record must not read as "not pinned".
 * Anchored at the policy's `deploy.record`.
 */
export function missingRecordPinFindings(ctx: CheckContext): Finding[] {
  const deploy = ctx.policy.policy.deploy;
  if (!deploy || ctx.repo.readFile(deploy.record) !== undefined) return [];
  const logText = ctx.repo.readFile(deploy.audit_log);
  if (logText === undefined) return [];
  const pin = logPin(auditLogs(ctx).verify(logText, undefined, ctx.sha256).entries, deploy.production);
  if (!pin) return [];
  return [
    {
      rule: lostPin.id,
      severity: lostPin.defaultSeverity,
      message: `The deploy record ${deploy.record} is missing, but the audit log says ${deploy.production} is pinned to ${pin.sha.slice(0, 12)} by a rollback at ${pin.time} (${pin.reason ?? 'no reason'}) and no UNPIN followed; restore the record from git, and a human runs \`slipway unpin --reason\` if production may move again.`,
      file: ctx.policy.file,
      range: ctx.policy.locate(['deploy', 'record']),
      related: [pinningRollback(deploy.audit_log, logText, pin)],
    },
  ];
}
