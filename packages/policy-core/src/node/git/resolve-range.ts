import type { CatFileSession } from './cat-file-session.js';
import type { EventFacts } from './github-event.js';
import { GitError, runGit } from './run-git.js';

/** The commits a change set spans, as full hashes, plus the names they were given by. */
export interface ResolvedRange {
  /** What the user (or the event) named as base, and what it resolved to. */
  baseName: string;
  baseSha: string;
  headName: string;
  headSha: string;
  /** The base is `productionBranch` (or its upstream) because nothing else named one. */
  fromProductionBranch?: boolean;
}

export interface RangeRequest {
  cwd: string;
  base?: string;
  head?: string;
  productionBranch: string;
  event?: EventFacts;
  /** The check's cat-file session, which resolves the names (resolveCommits). */
  session?: CatFileSession;
}

/**
 * Resolves several names to commit hashes with one `git cat-file --batch-check` (one process
 * instead of one `rev-parse` each; on a busy machine every process start counts). A name that
 * does not name a commit, or could not be passed on one line, resolves to undefined.
 */
export async function resolveCommits(
  cwd: string,
  names: readonly string[],
  /** A check's cat-file session to ask instead (one process fewer); its failure falls back here. */
  session?: CatFileSession,
): Promise<(string | undefined)[]> {
  const usable = names.map((n) => n !== '' && !/[\n\r\0]/.test(n));
  const objects = names.map((n, i) => (usable[i] ? `${n}^{commit}` : 'x^{commit}'));
  const commit = (i: number, sha: string | undefined, type: string | undefined) =>
    usable[i] && type === 'commit' && sha !== undefined && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  if (session) {
    try {
      const answers = await session.ask(
        objects.map((o) => ({ contents: false, object: Buffer.from(o, 'utf8') })),
      );
      return names.map((_, i) => commit(i, answers[i]?.oid, answers[i]?.type));
    } catch {
      // A git without --batch-command: the batch of its own below.
    }
  }
  const input = objects.join('\n');
  const out = (await runGit(cwd, ['cat-file', '--batch-check'], { input: `${input}\n` })).stdout.toString(
    'utf8',
  );
  const lines = out.split('\n');
  return names.map((_, i) => {
    const [sha, type] = (lines[i] ?? '').split(' ');
    return commit(i, sha, type);
  });
}

export async function resolveCommit(cwd: string, name: string): Promise<string | undefined> {
  return (await resolveCommits(cwd, [name]))[0];
}

export async function isShallow(cwd: string): Promise<boolean> {
  const r = await runGit(cwd, ['rev-parse', '--is-shallow-repository']);
  return r.stdout.toString('utf8').trim() === 'true';
}

async function isAncestor(cwd: string, ancestor: string, of: string): Promise<boolean> {
  const r = await runGit(cwd, ['merge-base', '--is-ancestor', ancestor, of], { okCodes: [1] });
  return r.code === 0;
}

async function hasAnyCommit(cwd: string): Promise<boolean> {
  const r = await runGit(cwd, ['rev-list', '-n', '1', '--all']);
  return r.stdout.length > 0;
}

/**
 * How many commits deeper to fetch so that base and head meet, when that can be known: only a
 * push event says how far back its base (`before`) is. Otherwise the base side's distance to
 * the fork point is nowhere in a shallow clone (the production branch may have moved on any
 * number of commits; a pull request's event counts only its own commits, and deepening by
 * that leaves the base side cut, so the range would hold commits of the base branch), and the
 * only command that surely works is fetching the whole history.
 */
function deepenHint(event?: EventFacts): number | undefined {
  if (event?.kind === 'push' && event.commitCount !== undefined && event.commitCount > 0)
    return event.commitCount + 1;
  return undefined;
}

export function shallowError(
  event?: EventFacts,
  what = 'the base commit is outside this shallow clone',
): GitError {
  const n = deepenHint(event);
  const fetch =
    n === undefined
      ? 'fetch the whole history: `git fetch --unshallow`'
      : `fetch ${n} more commits: \`git fetch --deepen=${n}\``;
  return new GitError(`${what}; ${fetch} (in GitHub Actions: \`fetch-depth: 0\`)`, 'shallow');
}

/** Why head did not resolve: an empty repository, or an unknown name. */
async function headError(cwd: string, name: string): Promise<GitError> {
  if (name === 'HEAD' && !(await hasAnyCommit(cwd))) {
    return new GitError(
      `${cwd} is an empty repository (no commits yet); commit something first`,
      'empty-repo',
    );
  }
  return new GitError(`head ref \`${name}\` not found; fetch it or pass --head`, 'unknown-ref');
}

/** A name the user or the event gave as base; a missing full hash in a shallow clone is "too shallow". */
async function namedBaseError(cwd: string, name: string, event?: EventFacts) {
  if (/^[0-9a-f]{40,64}$/i.test(name) && (await isShallow(cwd))) return shallowError(event);
  return new GitError(`base ref \`${name}\` not found; fetch it or pass --base`, 'unknown-ref');
}

/** The head a request names: --head, a push event's `after`, else HEAD. */
export function headNameFor(req: Pick<RangeRequest, 'base' | 'head' | 'event'>): string {
  const pushRange = req.base === undefined && req.head === undefined && req.event?.kind === 'push';
  return req.head ?? (pushRange && req.event?.after ? req.event.after : 'HEAD');
}

/**
 * Picks base and head. Explicit --base/--head win; a push event without them gives
 * before..after; a pull-request event gives its base commit when it is here; otherwise the
 * production branch, locally or as fetched from origin (CI checkouts often have only the
 * latter). Every candidate resolves in one git process. The diff is later taken from the
 * merge-base, as GitHub shows a pull request. A head that is the production branch's own tip is
 * compared with that branch's upstream (`origin/<branch>`), when one was fetched: the commits not
 * pushed yet are the change.
 */
export async function resolveRange(req: RangeRequest): Promise<ResolvedRange> {
  const { cwd, event } = req;
  const useEvent = req.base === undefined && req.head === undefined;
  const headName = headNameFor(req);
  const baseName = req.base ?? (useEvent && event?.kind === 'push' ? event.before : undefined);
  const prBase = useEvent && event?.kind === 'pull_request' ? event.baseSha : undefined;
  const production = event?.baseRef ?? req.productionBranch;
  // A pull request's checkout is GitHub's test merge (refs/pull/N/merge): HEAD^1 is the base it
  // was merged onto, HEAD^2 the pull request's head. That base is newer than the event's
  // `base.sha` when the base branch moved on (a re-run), so it is the one to diff against.
  const prMerge = prBase !== undefined && event?.headSha !== undefined;
  const candidates =
    baseName !== undefined
      ? [baseName]
      : [
          prBase ?? '',
          `refs/heads/${production}`,
          `refs/remotes/origin/${production}`,
          prMerge ? `${headName}^1` : '',
          prMerge ? `${headName}^2` : '',
        ];
  const [headSha, ...shas] = await resolveCommits(cwd, [headName, ...candidates], req.session);
  if (!headSha) throw await headError(cwd, headName);
  if (baseName !== undefined) {
    if (!shas[0]) throw await namedBaseError(cwd, baseName, event);
    return { baseName, baseSha: shas[0], headName, headSha };
  }
  const [prSha, local, remote, mergeBase, mergeHead] = shas;
  if (prMerge && mergeBase && mergeHead === event?.headSha)
    return { baseName: `${headName}^1`, baseSha: mergeBase, headName, headSha };
  if (prBase && prSha) return { baseName: prBase, baseSha: prSha, headName, headSha };
  // Only the caller's production branch, not one the event names, is the head's policy's choice.
  const chosen = event?.baseRef === undefined ? { fromProductionBranch: true } : {};
  // A local production branch that was never pulled is behind what was fetched from origin:
  // diffing against it would charge the change with everything that landed since.
  if (local && remote && local !== remote && (await isAncestor(cwd, local, remote)))
    return { baseName: `origin/${production}`, baseSha: remote, headName, headSha, ...chosen };
  // The head is the production branch's tip, ahead of (or beside) what was fetched: compared with
  // itself nothing would be judged; its commits not yet pushed are the change, against upstream.
  if (local && remote && local === headSha && remote !== headSha)
    return { baseName: `origin/${production}`, baseSha: remote, headName, headSha, ...chosen };
  if (local) return { baseName: production, baseSha: local, headName, headSha, ...chosen };
  if (remote) return { baseName: `origin/${production}`, baseSha: remote, headName, headSha, ...chosen };
  if (prBase && (await isShallow(cwd))) throw shallowError(event);
  throw new GitError(
    `base ref \`${production}\` not found (the production branch, neither \`${production}\` nor \`origin/${production}\`); fetch it or pass --base`,
    'unknown-ref',
  );
}
