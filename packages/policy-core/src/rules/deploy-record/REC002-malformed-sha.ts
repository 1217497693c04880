import { deployRecord } from '../audit-log/facts/examples.js';
import { schemaRule } from './facts/schema-problems.js';

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
    suppress:
      'The record is JSON, without comments: set `rules: { REC002: off }` (or another severity) in the ' +
      'policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'infrastructure/LAST_PROD_DEPLOY.json',
        text: deployRecord({ last_good_sha: '9c81d3e', deployed_at: '2025-12-09T10:03:12Z' }),
      },
      {
        verdict: 'fine',
        file: 'infrastructure/LAST_PROD_DEPLOY.json',
        text: deployRecord({
          last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
          deployed_at: '2025-12-09T10:03:12Z',
        }),
      },
    ],
  },
});
