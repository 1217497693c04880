/**
 * @slipway/policy-core/node — adapters that read a repository, its policy and its git history
 * from disk. Everything with I/O lives under this entry; the root entry stays pure.
 */
export { findPolicyFile } from './find-policy-file.js';
export { type LoadedPolicy, loadPolicy } from './load-policy.js';
export { loadGoverningPolicy, readPolicyFilesAt } from './governing-policy.js';
export * from './db/index.js';
export * from './init/index.js';
export { FsRepo, findRoot, listCommitFiles, openRepo, walk } from './fs-repo.js';
export { nativeSha256 } from './native-sha256.js';
export { openSqlResultCache, resultCacheDir } from './result-cache/open-result-cache.js';
export { MAX_CACHE_BYTES, SqlResultCache } from './result-cache/sql-result-cache.js';
export { DEFAULT_GITHUB_TIMEOUT_MS, verifyLabelProvenance } from './github/label-provenance.js';
export { readText } from './read-text.js';
export { type BlobReadOptions, makeBaseReader, readBlobsAt, readBlobsAtAsync } from './git/base-reader.js';
export { CommitTreeRepo, openCommitRepo } from './git/commit-tree-repo.js';
export { discoverCommonDir, readGitdirFile } from './git/discover-root.js';
export { RepoGitFacts } from './git/git-facts.js';
export { type EventFacts, readGithubEvent } from './git/github-event.js';
export { decodePath, encodePath, splitZ } from './git/path-bytes.js';
export { type ReadChangeSetOptions, readChangeSet } from './git/read-change-set.js';
export { GitError, type GitOptions, type GitResult, runGit, runGitSync } from './git/run-git.js';
export * from './deploy/index.js';
