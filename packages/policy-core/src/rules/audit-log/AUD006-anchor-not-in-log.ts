import { HASH_PATTERN } from '../../deploy/record-schema.js';
import type { Finding } from '../../finding.js';
import { findingOf, type CheckContext } from '../../rule.js';
import {
  auditLogExample,
  LOG_AFTER_ROLLBACK,
  RELEASE_HEAD,
  RECORD_AFTER_REWRITE,
  RECORD_AFTER_ROLLBACK,
  REWRITTEN_LOG,
} from './facts/examples.js';
import { type AuditRule, entriesUnread } from './facts/audit-facts.js';

/** Where a host passes the anchor (`slipway check --audit-anchor` sets it). */
export const AUDIT_ANCHOR_ENV = 'SLIPWAY_AUDIT_ANCHOR';

/**
 * AUD006: the audit log does not hold the entry an anchor kept outside the repository names.
 * The chain (AUD002) and the comparison with the base (AUD005) both live in git: a rewrite of the
 * log that is merged, or pushed to the production branch, becomes the base. An anchor (the hash
 * of the newest entry, recorded where the repository's writers cannot change it) survives that:
 * every entry's hash covers the one before it, so the anchored entry is still in the log only
 * if it and everything before it are untouched.
 */
export const anchorNotInLog: AuditRule = {
  id: 'AUD006',
  name: 'anchor-not-in-log',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit log lacks the entry its anchor outside the repository names',
  docs: {
    what:
      `Given an anchor (\`slipway check --audit-anchor HASH\` or \`${AUDIT_ANCHOR_ENV}\`): the SHA-256 of ` +
      'an audit entry, kept outside the repository. No entry of the log has that hash, or the anchor is ' +
      'not a 64-digit lowercase hex SHA-256, or the log is gone.',
    why:
      'Each entry carries the hash of the one before it, so a log whose anchored entry is still there ' +
      'is unchanged up to that entry. A rewrite of the whole log (every hash recomputed) keeps its own ' +
      'chain intact and, once merged, is also the base that AUD005 compares with; only a hash kept ' +
      'where the repository cannot change it shows the history was rewritten.',
    fix:
      'Restore the log from a copy that holds the anchored entry (`git log -p -- <log>`), and find out ' +
      'who rewrote it. After a legitimate promote or rollback, move the anchor to the new last entry ' +
      "(the record's `audit_head`).",
    suppress:
      'The audit log is JSON lines, without comments: `rules: { AUD006: off }` in the policy on the ' +
      'base, or run without the anchor.',
    examples: [
      auditLogExample('flagged', REWRITTEN_LOG, RECORD_AFTER_REWRITE, {
        env: { SLIPWAY_AUDIT_ANCHOR: RELEASE_HEAD },
        assumes:
          'where the anchor is the hash the last entry had before someone edited both reasons and recomputed the chain',
      }),
      auditLogExample('fine', LOG_AFTER_ROLLBACK, RECORD_AFTER_ROLLBACK, {
        env: { SLIPWAY_AUDIT_ANCHOR: RELEASE_HEAD },
        assumes: 'where the anchor is the hash of the second entry, still there',
      }),
    ],
  },
  check({ ctx, log, directory }) {
    const anchor = ctx.env[AUDIT_ANCHOR_ENV]?.trim();
    const deploy = ctx.policy.policy.deploy;
    if (!anchor || !deploy || directory) return [];
    if (!HASH_PATTERN.test(anchor))
      return [
        atPolicy(
          ctx,
          `the audit anchor \`${anchor.slice(0, 80)}\` is not a SHA-256 (64 lowercase hex digits); pass the hash of an audit entry, e.g. the record's audit_head when it was anchored.`,
        ),
      ];
    if (!log || log.missing)
      return [
        atPolicy(
          ctx,
          `the audit log ${deploy.audit_log} is gone, but the anchor ${anchor.slice(0, 12)}… names one of its entries; restore it from history.`,
        ),
      ];
    // A log whose entries were not read (AUD001 says why) holds none that could be looked for.
    if (entriesUnread(log) || log.log.entries.some((e) => e.hash === anchor)) return [];
    const end = log.lines.position(log.text.length);
    return [
      findingOf(
        anchorNotInLog,
        log.path,
        { start: end, end },
        `No entry of ${log.path} has the anchored hash ${anchor.slice(0, 12)}… (kept outside the repository): the log was rewritten or cut before that entry, even if its own chain is intact; restore it from a copy that holds the entry.`,
      ),
    ];
  },
};

function atPolicy(ctx: CheckContext, message: string): Finding {
  return findingOf(anchorNotInLog, ctx.policy.file, ctx.policy.locate(['deploy', 'audit_log']), message);
}
