import { schemaRule } from './schema-problems.js';

/** REC001: the record is not JSON, or not a deploy record. */
export const invalidRecord = schemaRule({
  id: 'REC001',
  family: 'REC',
  defaultSeverity: 'error',
  title: 'deploy record is not valid JSON or does not match the schema',
  description:
    'The deploy record (deploy.record, by default infrastructure/LAST_PROD_DEPLOY.json) is what a rollback returns to; ' +
    'if it cannot be read, "Rollback to last good" has nothing to redeploy. The record must be a JSON object with ' +
    'last_good_sha and deployed_at, and may carry environment, previous_sha, actor, reason, pinned, history and ' +
    'audit_head; `slipway schema` prints the JSON Schema. The finding points at the offending key or value. ' +
    'Restore the file from git or let `slipway promote` / `slipway rollback` write it. JSON has no comments: ' +
    'configure this rule in the policy (`rules: { REC001: warning }`).',
});
