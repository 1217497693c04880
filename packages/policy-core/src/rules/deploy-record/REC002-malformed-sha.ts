import { schemaRule } from './facts/schema-problems.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

/** REC002: a SHA in the record is not a full 40-hex commit id. */
export const malformedSha = schemaRule({
  id: 'REC002',
  name: 'malformed-sha',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record SHA is malformed',
  docs: {
    what: 'A SHA in the record is not a full 40-hex commit id.',
    why:
      'last_good_sha, previous_sha and every history sha must be a full 40-character lowercase ' +
      'hexadecimal commit SHA. A short SHA can become ambiguous as the repository grows and a branch ' +
      'name can move, so a rollback would redeploy something other than what was verified.',
    fix: 'Write the output of `git rev-parse <commit>`.',
    suppress: recSuppressDocs('REC002'),
    examples: [
      recordExample('flagged', releaseRecord({ last_good_sha: '9c81d3e' })),
      recordExample('fine', releaseRecord()),
    ],
  },
});
