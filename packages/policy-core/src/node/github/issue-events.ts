import type { LabelApplier } from '../../agents/label-appliers.js';
import { githubRequest } from './api-request.js';

/**
 * Who applied each label to a pull request, from GitHub's issue events endpoint
 * (`GET /repos/{owner}/{repo}/issues/{number}/events`, 100 a page, following `Link: rel="next"`):
 * its `labeled` and `unlabeled` events, in order, with their actor's login.
 * Fails closed: every problem is a thrown LabelEventsError with one line that says what to do.
 */
export interface IssueEventsRequest {
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  /** `GITHUB_REPOSITORY`: owner/name. */
  repository: string;
  token: string;
  number: number;
  /** The whole exchange, every page included, must finish within this (default 10 s). */
  timeoutMs: number;
}

export class LabelEventsError extends Error {}

/** Pages followed at most: 50 × 100 events; a longer history is refused rather than half read. */
const MAX_PAGES = 50;

/**
 * What the events say about one label as it is now: who applied it last (and through which
 * GitHub App, when one acted for them), or that it was removed after that. Events come oldest
 * first, so the last `labeled` or `unlabeled` event for a label decides: a label removed and
 * applied again is the second applier's.
 */
export type LabelState = LabelApplier;

/** Label name (lower case) → its state after every `labeled` and `unlabeled` event. */
export async function labelAppliers(req: IssueEventsRequest): Promise<Map<string, LabelState>> {
  const base = new URL(req.apiUrl.endsWith('/') ? req.apiUrl : `${req.apiUrl}/`);
  let url: URL | undefined = new URL(
    `repos/${req.repository}/issues/${req.number}/events?per_page=100`,
    base,
  );
  const signal = AbortSignal.timeout(req.timeoutMs);
  const appliers = new Map<string, LabelState>();
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES)
      throw new LabelEventsError(
        `the pull request has more than ${MAX_PAGES * 100} events; not all could be read`,
      );
    if (url.origin !== base.origin)
      throw new LabelEventsError(`the API pointed to ${url.origin}, off ${base.origin}; refused`);
    const res = await get(url, req.token, signal, req.timeoutMs);
    const events = await readJson(res, url, signal, req.timeoutMs);
    for (const e of events) {
      if (typeof e !== 'object' || e === null)
        throw new LabelEventsError(`${url.pathname} answered an event that is not an object`);
      const {
        event,
        label,
        actor,
        performed_via_github_app: app,
      } = e as {
        event?: unknown;
        label?: { name?: unknown };
        actor?: { login?: unknown } | null;
        performed_via_github_app?: { slug?: unknown } | null;
      };
      if (event !== 'labeled' && event !== 'unlabeled') continue;
      if (typeof label?.name !== 'string')
        throw new LabelEventsError(`${url.pathname} answered a ${event} event without a label name`);
      // No login (a deleted account shows as none): nobody can be shown to have applied it.
      const by = typeof actor?.login === 'string' && actor.login !== '' ? actor.login : undefined;
      const slug = typeof app?.slug === 'string' && app.slug !== '' ? app.slug : undefined;
      appliers.set(
        label.name.toLowerCase(),
        event === 'labeled' && by !== undefined
          ? { applied: true, by, ...(slug ? { app: slug } : {}) }
          : { applied: false, ...(by ? { by } : {}) },
      );
    }
    url = nextLink(res.headers.get('link'), url);
  }
  return appliers;
}

function get(url: URL, token: string, signal: AbortSignal, timeoutMs: number): Promise<Response> {
  const permissionHint = 'does GITHUB_TOKEN have issues: read?';
  return githubRequest({ url, token, signal, timeoutMs, permissionHint }, (m) => new LabelEventsError(m));
}

async function readJson(res: Response, url: URL, signal: AbortSignal, timeoutMs: number): Promise<unknown[]> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    if (signal.aborted) throw new LabelEventsError(`the GitHub API did not answer within ${timeoutMs} ms`);
    throw new LabelEventsError(`the GitHub API answered ${url.pathname} with something that is not JSON`);
  }
  if (!Array.isArray(body))
    throw new LabelEventsError(
      `the GitHub API answered ${url.pathname} with JSON that is not a list of events`,
    );
  return body;
}

/** The `rel="next"` URL of a Link header (RFC 8288), relative ones resolved against `from`. */
function nextLink(header: string | null, from: URL): URL | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    // `rel` may list several relation types ("next last"); `next-page` is not `next`.
    const rel = /\brel\s*=\s*(?:"([^"]*)"|([^\s;]+))/.exec(m?.[2] ?? '');
    const types = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (m && types.includes('next')) return new URL(m[1] ?? '', from);
  }
  return undefined;
}
