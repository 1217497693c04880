import { HASH_PATTERN } from '../../deploy/record-schema.js';
import type { Finding } from '../../finding.js';
import type { CheckContext } from '../rule.js';
import {
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
  ROLLBACK_STARTED,
  ROLLBACK_SUCCEEDED,
  auditLog,
  deployRecord,
} from '../audit-log/facts/examples.js';
import type { AuditRule } from './facts/audit-facts.js';

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
      {
        verdict: 'flagged',
        file: 'infrastructure/deploy-audit.jsonl',
        text:
          '{"v":1,"time":"2025-12-09T10:00:00Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"routine release","outcome":"started","prev":"0000000000000000000000000000000000000000000000000000000000000000"}\n' +
          '{"v":1,"time":"2025-12-09T10:03:12Z","event":"PROMOTE","environment":"production","from":"4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f","to":"9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9","actor":{"name":"ada","kind":"human"},"reason":"routine release","outcome":"succeeded","prev":"4b688bf7ed8c277c430cf3d5ec4a36fba5ad87f690cf195cbfc2729c4077a0b8"}\n',
        env: { SLIPWAY_AUDIT_ANCHOR: 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0' },
        assumes:
          'where the anchor is the hash the last entry had before someone edited both reasons and recomputed the chain',
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json': deployRecord({
            last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            deployed_at: '2025-12-09T10:03:12Z',
            previous_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
            event: 'PROMOTE',
            actor: { name: 'ada', kind: 'human' },
            reason: 'routine release',
            audit_head: 'f3d70c4c56b39e47d905a8005a41e7e437ee50284fbaa6da1e6fcb29efa60ca3',
          }),
        },
      },
      {
        verdict: 'fine',
        file: 'infrastructure/deploy-audit.jsonl',
        text: auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED, ROLLBACK_STARTED, ROLLBACK_SUCCEEDED),
        env: { SLIPWAY_AUDIT_ANCHOR: 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0' },
        assumes: 'where the anchor is the hash of the second entry, still there',
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
    if (log.log.entries.some((e) => e.hash === anchor)) return [];
    const end = log.lines.position(log.text.length);
    return [
      {
        rule: anchorNotInLog.id,
        severity: anchorNotInLog.defaultSeverity,
        message: `No entry of ${log.path} has the anchored hash ${anchor.slice(0, 12)}… (kept outside the repository): the log was rewritten or cut before that entry, even if its own chain is intact; restore it from a copy that holds the entry.`,
        file: log.path,
        range: { start: end, end },
      },
    ];
  },
};

function atPolicy(ctx: CheckContext, message: string): Finding {
  return {
    rule: anchorNotInLog.id,
    severity: anchorNotInLog.defaultSeverity,
    message,
    file: ctx.policy.file,
    range: ctx.policy.locate(['deploy', 'audit_log']),
  };
}
