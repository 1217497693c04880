import type { AuditLog } from '../../../deploy/audit-chain.js';
import { parseDeployRecord, wellFormedAuditHead } from '../../../deploy/record-parse.js';
import { GENESIS_HASH } from '../../../deploy/audit-event.js';
import { auditLogs } from './audit-logs.js';
import { LineIndex } from '../../../text-position.js';
import type { CheckContext, Rule } from '../../../rule.js';

/** The audit log as the AUD rules see it, verified once per check against the record's audit_head. */
export interface AuditFacts {
  path: string;
  /** The log's text; '' when the file does not exist (`missing`). */
  text: string;
  /** True when there is no file at deploy.audit_log while the record names a head. */
  missing: boolean;
  lines: LineIndex;
  log: AuditLog;
  recordPath: string;
  /** The record's text, when the record exists. */
  recordText?: string;
}

/**
 * What every AUD rule reads: the context and the log, read and chained once per check
 * (undefined when there is no log to read, or the path is a directory: `directory`).
 */
export interface AuditRun {
  ctx: CheckContext;
  log: AuditFacts | undefined;
  /** deploy.audit_log names a directory. */
  directory: boolean;
}

export type AuditRule = Rule<AuditRun>;

export function readAuditFacts(ctx: CheckContext): AuditFacts | undefined {
  const deploy = ctx.policy.policy.deploy;
  if (!deploy) return undefined;
  const recordText = ctx.repo.readFile(deploy.record);
  const text = ctx.repo.readFile(deploy.audit_log);
  // Stryker disable next-line ConditionalExpression: a host answers whyUnread only for a file it did not read
  const refused = text === undefined ? ctx.repo.whyUnread?.(deploy.audit_log) : undefined;
  if (refused !== undefined) {
    const message = `${refused}; commit the log itself at deploy.audit_log`;
    return {
      path: deploy.audit_log,
      text: '',
      missing: false,
      lines: new LineIndex(''),
      log: {
        entries: [],
        // Stryker disable next-line BooleanLiteral: only the writer reads `torn`, never of a log it could not read
        issues: [{ kind: 'malformed', line: 0, message, torn: false, whole: true }],
        lastHash: GENESIS_HASH,
        // Stryker disable next-line BooleanLiteral: only the writer reads `tornTail` (deploy-state.ts)
        tornTail: false,
        lineCount: 0,
      },
      recordPath: deploy.record,
      recordText,
    };
  }
  const head = recordText === undefined ? undefined : wellFormedAuditHead(parseDeployRecord(recordText));
  // A record that names a head while the log is gone: the whole log was deleted.
  if (text === undefined && head === undefined) return undefined;
  const logText = text ?? '';
  return {
    path: deploy.audit_log,
    text: logText,
    missing: text === undefined,
    lines: new LineIndex(logText),
    log: auditLogs(ctx).verify(logText, head, ctx.sha256),
    recordPath: deploy.record,
    recordText,
  };
}

/**
 * Whether the log's entries were not read at all: the host refused the file (too large for the
 * editor, a link out of the repository) or the chain reader refused it whole (past its size
 * limits, binary from its first line). AUD001 says why; no other rule judges entries it never
 * saw (read as none, the log would look emptied since the base, or lack the anchor).
 */
export function entriesUnread(facts: AuditFacts): boolean {
  return facts.log.issues.some((i) => i.kind === 'malformed' && i.whole === true);
}

/** True when line `line` of the log holds nothing but whitespace. */
export function isBlankLine(facts: AuditFacts, line: number): boolean {
  return facts.lines.lineText(line).trim() === '';
}
