import { directoryPathFinding } from '../directory-path-finding.js';
import { policyMismatches } from './facts/policy-mismatch.js';
import type { RecordRule } from './facts/record-facts.js';
import { problemsOf } from './facts/schema-problems.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

/** REC001: the record is not JSON, not a deploy record, or not one of this policy's production. */
export const invalidRecord: RecordRule = {
  id: 'REC001',
  name: 'invalid-record',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record is not valid JSON or does not match the schema',
  docs: {
    what:
      "The record is not JSON, not a deploy record, or not one of this policy's production. The " +
      'finding points at the offending key or value.',
    why:
      'The deploy record (deploy.record, by default infrastructure/LAST_PROD_DEPLOY.json) is what a ' +
      'rollback returns to; if it cannot be read, "Rollback to last good" has nothing to redeploy. ' +
      'The record must be a JSON object with last_good_sha and deployed_at, and may carry ' +
      'environment, previous_sha, actor, reason, pinned, history and audit_head; `slipway schema ' +
      "--record` prints its JSON Schema (docs/schemas/deploy-record.schema.json in Slipway's " +
      'repository; write it next to the record and name it in the record\'s "$schema" for editor ' +
      'completion). The record must also fit the policy: its environment, when given, is ' +
      'deploy.production, and history holds at most deploy.history_limit entries.',
    fix: 'Restore the file from git or let `slipway promote` / `slipway rollback` write it.',
    suppress: recSuppressDocs('REC001'),
    examples: [
      recordExample('flagged', releaseRecord({ pinnned: true })),
      recordExample('fine', releaseRecord({ pinned: true, pinned_reason: '5xx after release 2025.12.2' })),
    ],
  },
  check({ ctx, record: facts, directory }) {
    if (directory) return [directoryPathFinding(ctx, this, 'record')].filter((f) => f !== undefined);
    if (!facts) return [];
    return [...problemsOf(this, facts), ...policyMismatches(ctx, this, facts)];
  },
};
