import type { AuditEntry } from '../../deploy/audit-chain.js';
import { wellFormedAuditHead, wellFormedLastGoodSha } from '../../deploy/record-parse.js';
import { auditLogs } from '../audit-log/facts/audit-logs.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import { LineIndex } from '../../text-position.js';
import { RECORD_AFTER_ROLLBACK } from '../audit-log/facts/examples.js';
import { anchorSinceBase } from './facts/anchor-since-base.js';
import { type RecordFacts, type RecordRule, valueSpan } from './facts/record-facts.js';
import { besideRollbackLog, recSuppressDocs, releaseRecord } from './facts/examples.js';

/**
 * REC008: the record says something about production that the audit log, up to the record's own
 * audit_head, contradicts. The chain and the head only prove the log was not cut; a record
 * committed with a Slipway-Event trailer (REC006 then trusts it) could still name any SHA, or
 * carry a pin no rollback set. Every command that changes the record logs the entry it follows
 * from, so the record can be checked against the log it seals.
 */
export const recordContradictsLog: RecordRule = {
  id: 'REC008',
  name: 'record-contradicts-log',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record contradicts the audit log',
  docs: {
    what:
      "The record says something about production that the audit log, up to the record's own " +
      'audit_head, contradicts. The chain and the head only prove the log was not cut; a record ' +
      'committed with a Slipway-Event trailer (REC006 then trusts it) could still name any SHA, or ' +
      'carry a pin no rollback set. Every command that changes the record logs the entry it follows ' +
      'from, so the record can be checked against the log it seals. Silent when there is no log, no ' +
      'audit_head, or no production entry up to it (a two-field record written before Slipway). ' +
      'So in a change (a pull request, `slipway check --base`) the anchor itself is checked too: a ' +
      'record whose base had an audit_head must keep it, at the same entry or a later one; a change ' +
      'that drops it or moves it back is a finding, whatever trailer its commit carries.',
    why:
      "The record's audit_head names the last audit entry it accounts for; the log up to that entry " +
      'says what production runs. A succeeded PROMOTE or SYSTEM_CORRECTION_EVENT to production ' +
      'deploys its `to` SHA (the automatic rollback after a failed promote returns to the SHA the ' +
      'record already names), so the newest one at or before audit_head must be last_good_sha. A pin ' +
      'is set only by a rollback (logged with "pin": true) and cleared by UNPIN, and a promote runs ' +
      'only unpinned, so a record with pinned while the log shows an UNPIN or a promote after the ' +
      'last rollback carries a pin nobody set (the opposite, a pin the record lost, is REC007).',
    fix:
      'Either was edited by hand, perhaps committed with a Slipway-Event trailer. Restore the record ' +
      'from git and change what production runs only with `slipway promote` or `slipway rollback`.',
    suppress: recSuppressDocs('REC008'),
    examples: [
      besideRollbackLog(
        'flagged',
        releaseRecord({
          deployed_at: '2025-12-09T11:21:40Z',
          pinned: true,
          pinned_reason: '5xx after release 2025.12.2',
          audit_head: 'b5a8edeba2ba2c3a46cc3323789b36441a9d0987eec450beb745c4c0fe3b8df4',
        }),
      ),
      besideRollbackLog('fine', RECORD_AFTER_ROLLBACK),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return [];
    const head = wellFormedAuditHead(facts.parsed);
    const logText = ctx.repo.readFile(facts.deploy.audit_log);
    // The same text and head the AUD rules verify: the second reader gets the remembered answer.
    const read = () =>
      logText === undefined ? undefined : auditLogs(ctx).verify(logText, head, ctx.sha256).entries;
    const out: Draft[] = [];
    const finish = () => out.map((f): Finding => ({ ...f, rule: this.id, severity: this.defaultSeverity }));
    // In a change, the base's anchor must not vanish or move back: that would silence the rest.
    const anchor = anchorSinceBase(ctx, facts, head, read);
    if (anchor) out.push(anchor);
    const entries = head ? read() : undefined;
    if (!head || !entries || logText === undefined) return finish();
    let at = entries.length - 1;
    while (at >= 0 && (entries[at] as AuditEntry).hash !== head) at--;
    // A head that names no entry is AUD002's: there is no "up to it" to read.
    // Stryker disable next-line ConditionalExpression: a shortcut; from -1 both searches below read no entry and find nothing
    if (at < 0) return finish();
    const env = facts.deploy.production;
    const sha = wellFormedLastGoodSha(facts.parsed);
    const deploy = lastDeploy(entries, at, env);
    if (sha && deploy && deploy.event.to !== sha) out.push(shaFinding(facts, logText, sha, deploy));
    const raw = facts.parsed.raw as Record<string, unknown> | undefined;
    const unpinned = raw?.pinned === true ? unpinnedBy(entries, at, env) : undefined;
    if (unpinned) out.push(pinFinding(facts, logText, unpinned));
    return finish();
  },
};

const succeeded = (e: AuditEntry, env: string) =>
  e.event.environment === env && e.event.outcome === 'succeeded';

/** The newest succeeded deploy to `env` up to entry `at`: a promote, or a rollback (manual, watch or automatic). */
function lastDeploy(entries: readonly AuditEntry[], at: number, env: string): AuditEntry | undefined {
  for (let i = at; i >= 0; i--) {
    const e = entries[i] as AuditEntry;
    const { event, to } = e.event;
    if (succeeded(e, env) && to && (event === 'PROMOTE' || event === 'SYSTEM_CORRECTION_EVENT')) return e;
  }
  return undefined;
}

/**
 * The entry (up to `at`) after which the log says `env` is not pinned: an UNPIN, or a promote (refused while
 * pinned; its record has no pin). Undefined when the newest pin-deciding entry is a pinning
 * rollback, or one logged before `pin` was (the record alone decided then, as REC007 allows).
 * The automatic rollback after a failed promote (`pin: false`) leaves the pin as it was.
 */
function unpinnedBy(entries: readonly AuditEntry[], at: number, env: string): AuditEntry | undefined {
  for (let i = at; i >= 0; i--) {
    const e = entries[i] as AuditEntry;
    if (!succeeded(e, env)) continue;
    const { event, pin } = e.event;
    if (event === 'UNPIN' || event === 'PROMOTE') return e;
    if (event === 'SYSTEM_CORRECTION_EVENT' && pin !== false) return undefined;
  }
  return undefined;
}

function describe(e: AuditEntry): string {
  const what =
    e.event.event === 'PROMOTE' ? 'a promote' : e.event.event === 'UNPIN' ? 'an UNPIN' : 'a rollback';
  return `${what} by ${e.event.actor.name} at ${e.event.time} (audit log line ${e.line + 1})`;
}

function logLine(facts: RecordFacts, logText: string, e: AuditEntry, message: string): RelatedLocation {
  return { file: facts.deploy.audit_log, range: new LineIndex(logText).lineRange(e.line), message };
}

type Draft = Omit<Finding, 'rule' | 'severity'>;

function shaFinding(facts: RecordFacts, logText: string, sha: string, e: AuditEntry): Draft {
  const to = e.event.to as string;
  return {
    message: `last_good_sha is ${sha.slice(0, 12)}, but the audit log says ${facts.deploy.production} runs ${to.slice(0, 12)} since ${describe(e)}: the record was edited without a deploy; restore it from git (last_good_sha ${to}) and change what production runs only with \`slipway promote\` or \`slipway rollback\`.`,
    file: facts.path,
    range: valueSpan(facts, ['last_good_sha']),
    related: [logLine(facts, logText, e, `the entry that put ${to.slice(0, 12)} on production`)],
  };
}

function pinFinding(facts: RecordFacts, logText: string, e: AuditEntry): Draft {
  return {
    message: `The record is pinned, but the audit log says ${facts.deploy.production} is not pinned since ${describe(e)} and no rollback pinned it after: the pin was added by hand; remove pinned and pinned_reason (restore the record from git), and hold production with \`slipway rollback\`, which logs the pin, if it must not move.`,
    file: facts.path,
    range: valueSpan(facts, ['pinned']),
    related: [logLine(facts, logText, e, 'the entry after which production is not pinned')],
  };
}
