import type { Finding } from '../finding.js';
import { findingOf, type CheckContext, type RuleMeta } from '../rule.js';

/**
 * A deploy.record or deploy.audit_log that names a directory: the file cannot exist there, and
 * reading it as "missing" would report nothing (record) or a truncated log (audit log). The
 * finding sits on the policy key, the line a person edits (or the directory they remove).
 */
export function directoryPathFinding(
  ctx: CheckContext,
  rule: RuleMeta,
  key: 'record' | 'audit_log',
): Finding | undefined {
  const path = ctx.policy.policy.deploy?.[key];
  if (path === undefined || !ctx.repo.isDirectory?.(path)) return undefined;
  const what = key === 'record' ? 'the deploy record' : 'the audit log';
  return findingOf(
    rule,
    ctx.policy.file,
    ctx.policy.locate(['deploy', key]),
    `${path} (deploy.${key}) is a directory; ${what} must be a file: remove or rename the directory, or point deploy.${key} at a file.`,
  );
}
