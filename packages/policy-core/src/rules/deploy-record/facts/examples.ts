import type { RuleExample } from '../../../rule.js';
import { exampleIn } from '../../file-example.js';
import {
  AUDIT_LOG_FILE,
  deployRecord,
  LOG_AFTER_ROLLBACK,
  RECORD_FILE,
} from '../../audit-log/facts/examples.js';

/**
 * What the REC rules' docs share, written once: the record of release 2025.12.2 (the deploy story
 * of `audit-log/facts/examples.ts`), the example that shows a record, and the "how to suppress"
 * section of rules about a file without comments.
 */

/** The release's commit. */
export const RELEASE_SHA = '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9';

/**
 * A record of the release with the two fields every record has, then `more` (a field `more`
 * names again keeps its place and takes the new value).
 */
export function releaseRecord(more: Record<string, unknown> = {}): string {
  return deployRecord({ last_good_sha: RELEASE_SHA, deployed_at: '2025-12-09T10:03:12Z', ...more });
}

/** A REC example: the deploy record `text`; `more` adds what else the rule reads. */
export const recordExample = exampleIn(RECORD_FILE);

/** A record judged against the log after the pinned rollback, beside it. */
export function besideRollbackLog(verdict: RuleExample['verdict'], record: string): RuleExample {
  return recordExample(verdict, record, { beside: { [AUDIT_LOG_FILE]: LOG_AFTER_ROLLBACK } });
}

/** The "how to suppress" section: the record has no comments, so only the policy can. */
export function recSuppressDocs(id: string): string {
  return `The record is JSON, without comments: set \`rules: { ${id}: off }\` (or another severity) in the policy.`;
}
