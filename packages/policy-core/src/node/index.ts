/**
 * @slipway/policy-core/node — adapters that read a repository, its policy and its git history
 * from disk. Everything with I/O lives under this entry; the root entry stays pure.
 */
export * from './find-policy-file.js';
export * from './load-policy.js';
export * from './extends/read-base.js';
export { readPinnedGitFile } from './extends/pinned-git-file.js';
export { slipwayCacheDir } from './user-cache-dir.js';
export * from './governing-policy.js';
export * from './db/index.js';
export * from './init/index.js';
export * from './fs-repo.js';
export * from './agent-gate/index.js';
export * from './native-sha256.js';
export * from './result-cache/open-result-cache.js';
export * from './result-cache/sql-result-cache.js';
export * from './github/label-provenance.js';
export * from './github/webhook-signature.js';
export * from './github/app-token.js';
export * from './github/send-deployment-review.js';
export * from './read-text.js';
export * from './git/base-reader.js';
export * from './git/cat-file-session.js';
export * from './commit-tree-repo.js';
export * from './git/discover-root.js';
export * from './git/git-facts.js';
export * from './git/git-invocation.js';
export * from './git/locate-repository.js';
export * from './git/github-event.js';
export * from './git/path-bytes.js';
export * from './git/blame-lines.js';
export * from './git/read-change-set.js';
export * from './git/working-tree-changes.js';
export * from './git/started-together.js';
export * from './git/tracked-files.js';
export * from './git/run-git.js';
export * from './git/push-destination.js';
export * from './deploy/index.js';
export * from './trace/index.js';
export * from './worker-pool/migration-results-from-workers.js';
export * from './policy-tests.js';
export * from './base-policy-tests.js';
export * from './confined-read.js';
export * from './confined-write.js';
export { RepoConfinement, refusalLine, type Refused } from './repo-confinement.js';
export { tzHasRules, tzLocalTime, useTzClock } from './tz-clock.js';
