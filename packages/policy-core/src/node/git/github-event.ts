import { readFileSync } from 'node:fs';
import { GitError } from './run-git.js';

/** What a GitHub Actions event payload says about the change under review. */
export interface EventFacts {
  kind: 'pull_request' | 'push' | 'other';
  /** Label names on the pull request; undefined for pushes and other events (unknown). */
  labels?: string[];
  /** Push range (`before..after`); before is absent for a newly created branch. */
  before?: string;
  after?: string;
  /** The pull request's base commit and its branch name. */
  baseSha?: string;
  baseRef?: string;
  /** The pull request's head commit. */
  headSha?: string;
  /** Branch a push went to (`refs/heads/x` → `x`). */
  pushBranch?: string;
  /** The pull request's branch (`pull_request.head.ref`). */
  headRef?: string;
  /** The pull request's number and its author's login (`pull_request.user.login`). */
  prNumber?: number;
  prAuthor?: string;
  /** Commits in the pull request or push, when the payload says: sizes a `--deepen` hint. */
  commitCount?: number;
}

const ZERO_SHA = /^0+$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Reads `$GITHUB_EVENT_PATH`; a set-but-unreadable or invalid file is a one-line error. */
export function readGithubEvent(path: string): EventFacts {
  let payload: Record<string, unknown> | undefined;
  try {
    payload = obj(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code ?? (e instanceof SyntaxError ? 'invalid JSON' : 'unreadable');
    throw new GitError(
      `GITHUB_EVENT_PATH ${path} could not be read (${why}); unset it or point it at the event JSON`,
      'event',
    );
  }
  if (!payload) {
    throw new GitError(
      `GITHUB_EVENT_PATH ${path} does not hold a JSON object; unset it or fix the file`,
      'event',
    );
  }
  return factsFromPayload(payload);
}

/** @internal */
export function factsFromPayload(payload: Record<string, unknown>): EventFacts {
  const pr = obj(payload.pull_request);
  if (pr) {
    const labels = Array.isArray(pr.labels)
      ? pr.labels.map((l) => str(obj(l)?.name)).filter((n): n is string => n !== undefined)
      : [];
    const base = obj(pr.base);
    return {
      kind: 'pull_request',
      labels,
      baseSha: str(base?.sha),
      baseRef: str(base?.ref),
      headSha: str(obj(pr.head)?.sha),
      headRef: str(obj(pr.head)?.ref),
      prNumber: typeof pr.number === 'number' && Number.isInteger(pr.number) ? pr.number : undefined,
      prAuthor: str(obj(pr.user)?.login),
      commitCount: typeof pr.commits === 'number' ? pr.commits : undefined,
    };
  }
  const after = str(payload.after);
  if (after !== undefined && 'before' in payload) {
    const before = str(payload.before);
    const ref = str(payload.ref);
    return {
      kind: 'push',
      before: before && !ZERO_SHA.test(before) ? before : undefined,
      after: ZERO_SHA.test(after) ? undefined : after,
      pushBranch: ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
      commitCount: Array.isArray(payload.commits) ? payload.commits.length : undefined,
    };
  }
  return { kind: 'other' };
}
