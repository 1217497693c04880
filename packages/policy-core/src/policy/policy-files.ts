// The policy's file names and the one default that decides which git range a check reads, apart
// from the schema: the Node adapters (find-policy-file.ts) find the file without the parser.

/** Where the policy lives at the repository root, in order of precedence. */
export const POLICY_FILES = ['slipway.yaml', 'slipway.yml', 'slipway.toml'] as const;

/** `production_branch` when the policy does not name one. */
export const DEFAULT_PRODUCTION_BRANCH = 'main';
