import type { ChangeSet } from '../../change-set.js';
import { DEFAULT_BASELINE_FILE } from '../../policy/baseline-location.js';
import { POLICY_FILES } from '../../policy/policy-files.js';
import { changeLineStats, changeLineStatsAsync } from './line-stats.js';
import { makeBaseReader, readBlobsAtAsync } from './base-reader.js';
import { CatFileSession } from './cat-file-session.js';
import { prefetchAsks } from './prefetch-asks.js';
import { makeBaseTip } from './base-tip.js';
import { gitBranchName } from './branch-name.js';
import {
  attachFiles,
  FILES_ARGS,
  META_ARGS,
  markFirstParent,
  parseCommitLog,
  parseFileLists,
} from './commit-log.js';
import { type EventFacts, readGithubEvent } from './github-event.js';
import { mergeBaseOfRange } from './merge-base-of-range.js';
import { parseRawDiff, RAW_DIFF_ARGS } from './name-status.js';
import { blobObject, splitZ } from './path-bytes.js';
import { headNameFor, isShallow, resolveRange, shallowError } from './resolve-range.js';
import { GitError, type GitResult, runGit, runGitSync } from './run-git.js';

export interface ReadChangeSetOptions {
  /** Any directory inside the repository. */
  repo: string;
  base?: string;
  head?: string;
  branch?: string;
  /** `--label` values; an empty list counts as "not given" (labels then come from the event). */
  labels?: string[];
  productionBranch: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Called once the diff and the log are running. Each process start waits for this thread, so
   * a caller with work of its own for it (splitting a large listing) does that work after this.
   */
  onGitStarted?: () => void;
}

/**
 * Reads the change under review from git: base..head files, commits, branch and labels.
 * Two rounds of concurrent git processes: (1) every candidate name resolved by one cat-file,
 * beside the branch lookup; (2) diff and commit metadata (the merge base read off the latter). Per-commit file lists
 * load on first use (see attachFiles). All output is parsed from NUL-separated bytes, so file
 * names may hold any byte (non-UTF-8 bytes: see decodePath).
 * `base` in the result is the merge-base of the chosen base and head: what the diff is
 * against and what readBase reads, as GitHub shows a pull request.
 */
export async function readChangeSet(opts: ReadChangeSetOptions): Promise<ChangeSet> {
  const cwd = opts.repo;
  const eventPath = opts.env.GITHUB_EVENT_PATH;
  const event: EventFacts | undefined = eventPath ? readGithubEvent(eventPath) : undefined;
  const labels = opts.labels?.length ? [...opts.labels] : event?.labels ? [...event.labels] : undefined;

  // One cat-file for the check's turns: the range's names, the policy at base, then what the
  // rules will ask (prefetch).
  const session = new CatFileSession(cwd);
  const request = {
    cwd,
    base: opts.base,
    head: opts.head,
    productionBranch: opts.productionBranch,
    event,
    session,
  };
  // `refs/heads/x` and `x` name the same branch; every rule sees the short form.
  const envBranch = (opts.branch || opts.env.GITHUB_HEAD_REF || event?.headRef || event?.pushBranch)?.replace(
    /^refs\/heads\//,
    '',
  );
  // The branch needs only head's name, so it is asked alongside the range; nothing before the
  // end needs it, so the merge base, diff and log start as soon as the range alone is known
  // rather than waiting for whichever of the two processes finishes last.
  const branchRun = envBranch ? Promise.resolve(envBranch) : gitBranchName(cwd, headNameFor(request));
  branchRun.catch(() => {});
  const range = await resolveRange(request);
  const { baseSha, headSha } = range;
  // Head at base (a branch with nothing committed yet, as an agent's session often starts, or the
  // production branch itself): nothing is committed, so the diff and the log are empty and no
  // process is started for them. The working tree's changes are read elsewhere, as always.
  const sameCommit = baseSha === headSha;
  // The diff first: it is the longest of them, and the result waits for it.
  const diffRun = sameCommit
    ? Promise.resolve(NOTHING)
    : runGit(cwd, [...RAW_DIFF_ARGS, `${baseSha}...${headSha}`, '--']);
  const logRun = (
    sameCommit ? Promise.resolve(NOTHING) : runGit(cwd, [...META_ARGS, `${baseSha}..${headSha}`, '--'])
  ).then((r) => parseCommitLog(splitZ(r.stdout)));
  // The merge base comes from the log's commits when they decide it (mergeBaseOfRange), else
  // from `git merge-base`; undefined when the two share no history.
  const mergeBaseRun = logRun.then(async (commits) => {
    const known = mergeBaseOfRange(commits, headSha);
    if (known !== undefined) return known;
    const r = await runGit(cwd, ['merge-base', baseSha, headSha], { okCodes: [1] });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  });
  // The policy that will judge the change is the merge base's (governingPolicy): one cat-file,
  // started as soon as the merge base is known, runs while the diff is still read. The default
  // baseline file comes with it: the engine reads the base's last, once the findings are known,
  // and a git process of its own there is the last thing a check waits for.
  const policyRun = mergeBaseRun.then((mb) =>
    mb !== undefined ? filesAt(session, cwd, mb, AT_BASE_FIRST) : undefined,
  );
  policyRun.catch(() => {});
  opts.onGitStarted?.();
  const [mergeBase, diff, log, policyFiles] = await Promise.allSettled([
    mergeBaseRun,
    diffRun,
    logRun,
    policyRun,
  ]);
  const from = settled(mergeBase);
  if (from === undefined) {
    if (await isShallow(cwd)) throw shallowError(event);
    throw new GitError(
      `base \`${range.baseName}\` and head \`${range.headName}\` share no history; pass --base`,
      'unknown-ref',
    );
  }
  const files = parseRawDiff(splitZ(settled(diff).stdout));
  const atBase = policyFiles.status === 'fulfilled' ? policyFiles.value : undefined;
  const commits = settled(log);
  // In a shallow clone the boundary commits show no parents. One inside the range means the
  // walk was cut short: the change's older commits are missing, or commits of the base branch
  // (below the cut on its side) are counted as the change's. The diff, from a merge base git
  // found, is whole; who wrote the missing commits is not known, so the change is judged an
  // agent's (agents/change-author.ts) and the finding says why and how to fetch them.
  const historyCut =
    commits.some((c) => c.parents.length === 0) && (await isShallow(cwd))
      ? shallowError(event, "the change's commits reach past this shallow clone").message
      : undefined;
  markFirstParent(commits, headSha);
  attachFiles(commits, from, files, () =>
    parseFileLists(splitZ(runGitSync(cwd, [...FILES_ARGS, `${baseSha}..${headSha}`, '--']).stdout)),
  );
  let lineStats: { added: number; removed: number } | undefined;
  const atBaseReader = makeBaseReader(cwd, from, atBase);
  const change: ChangeSet = {
    base: from,
    head: headSha,
    files,
    commits,
    ...(historyCut ? { historyCut } : {}),
    readBase: atBaseReader.read,
    expectBase: atBaseReader.expect,
    baseKnown: atBaseReader.knows,
    prefetch: async (asks, facts) => {
      // The line count beside the batch, when a rule will ask for it and it is not known yet.
      const lines =
        asks.lineStats && lineStats === undefined
          ? changeLineStatsAsync(cwd, baseSha, headSha).then(
              (stats) => {
                lineStats ??= stats;
              },
              () => {}, // asked again, and reported, when the rule asks
            )
          : undefined;
      const [asked] = await Promise.all([prefetchAsks(cwd, session, from, atBaseReader, asks, facts), lines]);
      return asked;
    },
    // Read on first ask, once: only the cap on an agent change's lines needs a numstat pass.
    lineStats: () => {
      lineStats ??= changeLineStats(cwd, baseSha, headSha);
      return lineStats;
    },
  };
  if (atBase) change.policyFilesAtBase = new Map(POLICY_FILES.map((f) => [f, atBase.get(f)]));
  if (range.fromProductionBranch) change.baseFromProductionBranch = true;
  // The base branch moved on since the fork: its newer migrations are what the change lands on.
  if (baseSha !== from) change.baseTip = makeBaseTip(cwd, from, baseSha);
  const branch = await branchRun;
  if (branch !== undefined) change.branch = branch;
  if (labels !== undefined) change.labels = labels;
  if (event?.prNumber !== undefined)
    change.pullRequest = { number: event.prNumber, ...(event.prAuthor ? { author: event.prAuthor } : {}) };
  return change;
}

function settled<T>(r: PromiseSettledResult<T>): T {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
}

/** What a check reads at the merge base whatever the change: the policy files and the default baseline. */
const AT_BASE_FIRST = [...POLICY_FILES, DEFAULT_BASELINE_FILE];
/** What an empty diff or log prints. */
const NOTHING: GitResult = { stdout: Buffer.alloc(0), stderr: '', code: 0 };

/** Files at a commit from the session; a session that fails leaves them to a process of their own. */
async function filesAt(
  session: CatFileSession,
  cwd: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  const asks = paths.map((p) => ({ contents: true, object: blobObject(commit, p) }));
  try {
    const answers = await session.ask(asks);
    return new Map(paths.map((p, i) => [p, answers[i]?.text]));
  } catch {
    return readBlobsAtAsync(cwd, commit, paths);
  }
}
