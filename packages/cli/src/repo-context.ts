import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type ChangeSet,
  type GoverningPolicy,
  type PolicyDocument,
  parsePolicyText,
  type RepoView,
  type SqlResultStore,
  Workspace,
} from '@slipway/policy-core';
import {
  findRoot,
  loadPolicy,
  openRepo,
  readChangeSet,
  type SqlWorkerOptions,
} from '@slipway/policy-core/node';
import { type ChangeFlags, changeSetOptions } from './change-flags.js';
import { UserError } from './command.js';
import { gitStep } from './git-step.js';
import { headTree, openCommitTree, type TreeSource, WORKING_TREE } from './commit-tree/head-tree.js';
import { decideGoverning, governWithoutHead } from './governing-context.js';
import { invalidPolicyError, missingPolicyError } from './policy-errors.js';

export interface RepoContext {
  root: string;
  /** The policy every rule is evaluated with: the base's for a change (see `governing`). */
  policy: PolicyDocument;
  /** Which policy that is, and the head's own when it differs (POL rules judge it). */
  governing: GoverningPolicy;
  repo: RepoView;
  /** Where `repo` reads file contents: the working tree, or the commit `--head` names. */
  tree: TreeSource;
  /** This run's caches (parsed migrations): the check and the database audit share them. */
  workspace: Workspace;
}

export type { ChangeFlags };

/** Loaded once git is at work on the change (see migration-support.ts). */
const migrationSupport = () => import('./migration-support.js');
/** Only a check that starts worker threads loads their reading (it brings the MIG rules). */
const migrationWorkers = () => import('./migration-workers.js');

/** The directory `--repo` names (default: cwd); a file there is a one-line usage error. */
export function repoDir(cwd: string, repoFlag: string | undefined): string {
  const dir = resolve(cwd, repoFlag ?? '.');
  if (statSync(dir, { throwIfNoEntry: false })?.isFile())
    throw new UserError(`${repoFlag ?? dir} is a file; --repo takes the repository's directory`);
  return dir;
}

/**
 * The repository root and its valid policy, without listing the repository's files: for the
 * commands that act on the deploy record and never run rules over the tree (promote, rollback).
 */
export async function openPolicyContext<T>(
  cwd: string,
  repoFlag: string | undefined,
  /** Work that needs only the root (a git question), started before the policy is parsed. */
  alongside: (root: string) => Promise<T>,
): Promise<{ root: string; policy: PolicyDocument; extra: T }> {
  const { root } = await gitStep(() => findRoot(repoDir(cwd, repoFlag)));
  const extra = alongside(root);
  extra.catch(() => {});
  const policy = loadValidPolicy(root);
  return { root, policy, extra: await extra };
}

function loadValidPolicy(root: string, loaded = loadPolicy(root)): PolicyDocument {
  if (loaded.kind === 'missing') throw missingPolicyError(root);
  if (loaded.kind === 'invalid') throw invalidPolicyError(loaded.findings);
  return loaded.document;
}

/** Opens the repository at `--repo` (or the working directory) and loads its valid policy. */
export async function openRepoContext(cwd: string, repoFlag: string | undefined): Promise<RepoContext> {
  return (await openCheckContext(cwd, repoFlag, undefined, {})).context;
}

/**
 * Opens the repository, its policy and (unless `change` is undefined) the change set. The file
 * listing and the change set are separate git processes, so they run at the same time: on a
 * large repository these two dominate `slipway check`. Files are read from the change's head:
 * the working tree when that is the checked-out commit, else the commit (`TreeSource`).
 */
export async function openCheckContext(
  cwd: string,
  repoFlag: string | undefined,
  change: ChangeFlags | undefined,
  env: Record<string, string | undefined>,
  /**
   * The file listing, when the caller has already asked git for it (`openRepo`'s `listing`); a
   * function when it was asked for before the root was known: the listing of that root, if any.
   */
  listing?: Promise<Buffer> | ((root: string) => Promise<Buffer> | undefined),
  /**
   * The policy to apply instead of the tree's own (promote's guard: the deploying checkout's
   * policy governs what it ships, not whatever policy the shipped commit carries).
   */
  governing?: PolicyDocument,
  /**
   * For a check of the working tree (`slipway check`): load only the parsers the check uses
   * (initParsersFor), and with `sqlResults`, the result cache for its .sql migrations under the
   * governing policy (see SqlResultStore), PostgreSQL's parser only once a file misses it.
   * Without it (trace, guard, db): both parsers, as those commands may read any migration.
   */
  lean?: {
    sqlResults?: (root: string, policy: PolicyDocument) => SqlResultStore | undefined;
    /** The change set, when the caller has already asked git for the one `flags` name in `root`. */
    change?: (root: string, flags: ChangeFlags) => Promise<ChangeSet> | undefined;
    /** Threads for the .sql migrations the cache lacks and the Alembic files (migration-workers.ts). */
    workers?: SqlWorkerOptions;
    /**
     * `later`: load no migration parser here; the caller loads what it turns out to need (the
     * agent gate, which judges a migration on a few tool calls and pays for no parser on the rest).
     */
    parsers?: 'later';
  },
): Promise<{ context: RepoContext; change?: ChangeSet }> {
  const dir = repoDir(cwd, repoFlag);
  const { root, isGit } = await gitStep(() => findRoot(dir));
  // Usually free: a head named HEAD is the working tree without asking git (headTree).
  const tree = change ? gitStep(() => headTree(root, change, env)) : Promise.resolve(WORKING_TREE);
  tree.catch(() => {});
  // The file listing needs no policy: it starts first and runs while the policy is parsed.
  const given = typeof listing === 'function' ? listing(root) : listing;
  // The listing is split into paths once the change set's git processes are running (or are
  // known not to be needed): splitting is this thread's work, and each of those starts waits for it.
  let gitStarted = () => {};
  const changeStarted = new Promise<void>((done) => {
    gitStarted = done;
  });
  // Outside git, though, it is a walk of the folder on this thread, which waits for the policy: an
  // agent's write to /tmp/x, judged from /tmp (no policy), walked all of /tmp first.
  let listed: Promise<RepoView> | undefined;
  const opening = () => (listed ??= gitStep(() => openRepo(root, given, changeStarted)));
  // A policy error wins over a git one; the listing's rejection is then nobody's business.
  if (isGit) opening().catch(() => {});
  // The agent gate (`parsers: 'later'`) loads the migration reading itself, for a migration it judges.
  const later = lean?.parsers === 'later' && !lean.workers;
  const support = later ? undefined : changeStarted.then(migrationSupport);
  support?.catch(() => {});
  // Parsed while git answers which tree to read; judged only when it is the one used.
  const onDisk = governing ? undefined : loadPolicy(root);
  // A policy error wins here too: a git failure says nothing about which tree was meant.
  const source = await tree.catch((err: unknown) => {
    gitStarted();
    if (!governing) loadValidPolicy(root, onDisk);
    throw err;
  });
  if (!change || source.kind === 'commit' || (!governing && onDisk?.kind === 'missing')) gitStarted();
  if (change && source.kind === 'commit') return openCommitContext(root, source, change, env);
  // A change that deletes the policy file is judged by the base's.
  if (change && !governing && onDisk?.kind === 'missing') {
    const opened = await withoutHeadPolicy(root, change, env, opening, source);
    if (!opened) throw missingPolicyError(root);
    return opened;
  }
  let head: PolicyDocument;
  try {
    head = governing ?? loadValidPolicy(root, onDisk);
  } catch (err) {
    gitStarted();
    throw err;
  }
  // A change the flags named alone was asked for before the policy (startEarlyGit).
  const early = change && lean?.change?.(root, change);
  if (early) gitStarted();
  const reading = early
    ? gitStep(() => early)
    : change
      ? readChange(root, head, change, env, undefined, gitStarted)
      : undefined;
  reading?.catch(gitStarted);
  const [repo, read] = await Promise.all([
    opening(),
    reading,
    // The PostgreSQL parser (WASM) loads while git runs, and only when migrations are checked;
    // with a result cache or worker threads, only once a file is left to this thread
    // (initParsersFor, below): the threads load their own.
    head.policy.migrations &&
    !lean?.sqlResults &&
    !((lean?.workers?.jobs ?? 1) > 1) &&
    lean?.parsers !== 'later'
      ? support?.then((s) => (lean ? s.initSqlParser() : s.initMigrationParsers()))
      : undefined,
  ]);
  const decided = await decideGoverning(root, head, 'the working tree', read, env, governing, (branch) =>
    readChange(root, head, change ?? {}, env, branch),
  );
  const policy = decided.governing.document;
  const section = policy.policy.migrations;
  const lasting = section ? lean?.sqlResults?.(root, policy) : undefined;
  // Files the cache does not hold are read in worker threads when there are enough of them; the
  // analyzer then finds their results in the store as it finds cached ones, and the Alembic
  // files' facts as if it had read them itself.
  const workers = lean?.workers;
  const pooled =
    section && workers
      ? await migrationWorkers().then((m) => m.migrationResultsFromWorkers(repo, section, lasting, workers))
      : undefined;
  const store = pooled ? pooled.sqlResults : lasting;
  const workspace = new Workspace(store ? { sqlResults: store } : {});
  const s = await support;
  for (const m of pooled?.modules ?? []) s?.migrationsOf(workspace).preloadModule(m.path, m.text, m.module);
  // The parsers this check uses (the Python one only when there is Python to read), or none: `later`.
  if (s && section && lean?.parsers !== 'later') {
    if (lean) await s.initParsersFor(repo, section, s.migrationsOf(workspace), s.npmFilesOf(workspace));
    else if (!head.policy.migrations) await s.initMigrationParsers();
  }
  return {
    context: { root, policy, governing: decided.governing, repo, tree: source, workspace },
    change: decided.change,
  };
}

/** The context of a commit's tree: its files, its own policy, and the change up to it. */
async function openCommitContext(
  root: string,
  source: Extract<TreeSource, { kind: 'commit' }>,
  change: ChangeFlags,
  env: Record<string, string | undefined>,
): Promise<{ context: RepoContext; change?: ChangeSet }> {
  const opened = await gitStep(() => openCommitTree(root, source.sha));
  const commit = `commit ${source.sha.slice(0, 12)} (the head, ${source.name})`;
  if (!opened.policy) {
    // As in the working tree: a head without a policy file is judged by its base's.
    const without = await withoutHeadPolicy(root, change, env, async () => opened.repo, source);
    if (without) return without;
    throw new UserError(
      `no slipway.yaml or slipway.toml in ${commit} nor on its base; commit a policy there, or pass another --head`,
    );
  }
  const parsed = parsePolicyText(opened.policy.text, opened.policy.file);
  if (!parsed.document) throw new UserError(`in ${commit}: ${invalidPolicyError(parsed.findings).message}`);
  const head = parsed.document;
  const { initMigrationParsers } = await migrationSupport();
  const [read] = await Promise.all([
    readChange(root, head, change, env),
    head.policy.migrations ? initMigrationParsers() : undefined,
  ]);
  const decided = await decideGoverning(root, head, commit, read, env, undefined, (branch) =>
    readChange(root, head, change, env, branch),
  );
  const policy = decided.governing.document;
  if (policy.policy.migrations && !head.policy.migrations) await initMigrationParsers();
  return {
    context: {
      root,
      policy,
      governing: decided.governing,
      repo: opened.repo,
      tree: source,
      workspace: new Workspace(),
    },
    change: decided.change,
  };
}

/**
 * The context of a change whose head has no policy file (it deletes it, or never had one): the
 * base's policy governs (governingWithoutHead). Undefined when the base has none either.
 */
async function withoutHeadPolicy(
  root: string,
  change: ChangeFlags,
  env: Record<string, string | undefined>,
  open: () => Promise<RepoView>,
  source: TreeSource,
): Promise<{ context: RepoContext; change?: ChangeSet } | undefined> {
  const without = await governWithoutHead(root, env, (branch) =>
    gitStep(() => readChangeSet(changeSetOptions(root, branch, change, env))),
  );
  if (!without) return undefined;
  const policy = without.governing.document;
  const { initMigrationParsers } = await migrationSupport();
  const [repo] = await Promise.all([open(), policy.policy.migrations ? initMigrationParsers() : undefined]);
  const { governing } = without;
  const context = { root, policy, governing, repo, tree: source, workspace: new Workspace() };
  return { context, change: without.change };
}

export function readChange(
  root: string,
  policy: PolicyDocument,
  flags: ChangeFlags,
  env: Record<string, string | undefined>,
  /** The production branch to compare with, when not the policy's (the base policy's, see decideGoverning). */
  productionBranch = policy.policy.production_branch,
  /** Called once the change set's git processes are running (ReadChangeSetOptions.onGitStarted). */
  onGitStarted?: () => void,
): Promise<ChangeSet> {
  const options = changeSetOptions(root, productionBranch, flags, env);
  return gitStep(() => readChangeSet(onGitStarted ? { ...options, onGitStarted } : options));
}
