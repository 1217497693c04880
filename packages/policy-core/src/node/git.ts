/**
 * @slipway/policy-core/git — the repository adapters alone: root, file listing, change set and
 * where the policy file is, without the policy parser, the rules or their dependencies. For hosts
 * that start git before loading the rest (the CLI's entry point: packages/cli/src/git-prefetch.ts).
 * The same functions are exported from `@slipway/policy-core/node`; this entry only loads less.
 */
export { findPolicyFile } from './find-policy-file.js';
export { type FsRepo, findRoot, listCommitFiles, openRepo } from './fs-repo.js';
export { type ReadChangeSetOptions, readChangeSet } from './git/read-change-set.js';
export { DEFAULT_PRODUCTION_BRANCH, POLICY_FILES } from '../policy/policy-files.js';
