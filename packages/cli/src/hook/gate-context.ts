import type { ChangedFile, ChangeSet, PolicyDocument, RepoView, Workspace } from '@slipway/policy-core';
import { findRoot, type SqlResultCache, workingTreeChanges } from '@slipway/policy-core/node';
import { cacheWanted, sqlResultCacheOpener } from '../result-cache.js';
import { openCheckContext } from '../repo-context.js';
import { type EarlyGit, listingFor, statusFor } from '../early-git.js';

/** What the gate judges a tool call against: the repository as it is, under the base's policy. */
export interface GateContext {
  root: string;
  policy: PolicyDocument;
  headPolicy?: PolicyDocument;
  repo: RepoView;
  workspace: Workspace;
  /** The branch against the production branch; undefined when git cannot say (no such branch yet). */
  committed: ChangeSet | undefined;
  /** Uncommitted files: the session's edits so far. */
  working: ChangedFile[];
  /**
   * The .sql migrations' result cache (as `slipway check` keeps it in the git directory), when
   * opened: each call parses only the migration it writes. Saved by the caller after judging.
   */
  sqlCache?: SqlResultCache;
}

/**
 * Opens the repository at `cwd` as `slipway check` does for the branch (the base's policy
 * governs, the production branch is the base), plus the uncommitted files. When git cannot say
 * what the branch changed (a repository without the production branch), the tree is judged with
 * its own policy and the uncommitted files alone. A policy or repository error throws: the gate
 * refuses (fail closed).
 */
export async function openGateContext(
  cwd: string,
  env: Record<string, string | undefined>,
  /** The listing and `git status` the hook started while the engine loaded (startGateGit). */
  early?: EarlyGit,
): Promise<GateContext> {
  // `git status` runs beside the change set's processes, not after them.
  const status = findRoot(cwd).then(({ root }) => statusFor(early, root) ?? workingTreeChanges(root));
  status.catch(() => {});
  let sqlCache: SqlResultCache | undefined;
  const lean = {
    parsers: 'later' as const,
    ...(cacheWanted({}, env)
      ? {
          sqlResults: sqlResultCacheOpener(env, (opened) => {
            sqlCache = opened;
          }),
        }
      : {}),
  };
  const listing = (root: string) => listingFor(early, root);
  const withChange = await openCheckContext(cwd, undefined, {}, env, listing, undefined, lean).catch(
    (err: unknown) => ({ err }),
  );
  const opened =
    'err' in withChange
      ? await openCheckContext(cwd, undefined, undefined, env, listing, undefined, lean)
      : withChange;
  const { context } = opened;
  const working = await status;
  const head = context.governing.head;
  return {
    root: context.root,
    policy: context.policy,
    ...(head && head !== context.policy ? { headPolicy: head } : {}),
    repo: context.repo,
    workspace: context.workspace,
    committed: 'err' in withChange ? undefined : withChange.change,
    working,
    ...(sqlCache ? { sqlCache } : {}),
  };
}
