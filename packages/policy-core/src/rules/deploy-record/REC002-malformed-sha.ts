import { schemaRule } from './facts/schema-problems.js';

/** REC002: a SHA in the record is not a full 40-hex commit id. */
export const malformedSha = schemaRule({
  id: 'REC002',
  family: 'REC',
  defaultSeverity: 'error',
  title: 'deploy record SHA is malformed',
  description:
    'last_good_sha, previous_sha and every history sha must be a full 40-character lowercase hexadecimal commit ' +
    'SHA. A short SHA can become ambiguous as the repository grows and a branch name can move, so a rollback ' +
    'would redeploy something other than what was verified. Write the output of `git rev-parse <commit>`.',
});
