import type { AuditLog } from '../../deploy/audit-chain.js';
import { verifiedAuditLog } from '../../deploy/verified-audit-log.js';
import { parseDeployRecord } from '../../deploy/record-parse.js';
import type { Finding } from '../../finding.js';
import { LineIndex } from '../../text-position.js';
import type { CheckContext, RuleMeta } from '../rule.js';

/** The audit log as the AUD rules see it, verified once per check against the record's audit_head. */
export interface AuditFacts {
  path: string;
  text: string;
  lines: LineIndex;
  log: AuditLog;
  recordPath: string;
  /** The record's text and audit_head, when the record is valid and carries one. */
  recordText?: string;
  head?: string;
}

export interface AuditRule {
  meta: RuleMeta;
  check(ctx: CheckContext, facts: AuditFacts): Finding[];
}

export function readAuditFacts(ctx: CheckContext): AuditFacts | undefined {
  const deploy = ctx.policy.policy.deploy;
  if (!deploy) return undefined;
  const recordText = ctx.repo.readFile(deploy.record);
  const head = recordText === undefined ? undefined : parseDeployRecord(recordText).record?.audit_head;
  const text = ctx.repo.readFile(deploy.audit_log);
  // A record that names a head while the log is gone: the whole log was deleted.
  if (text === undefined && head === undefined) return undefined;
  const logText = text ?? '';
  return {
    path: deploy.audit_log,
    text: logText,
    lines: new LineIndex(logText),
    log: verifiedAuditLog(logText, head, ctx.sha256),
    recordPath: deploy.record,
    recordText,
    head,
  };
}
