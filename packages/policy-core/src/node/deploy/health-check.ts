import type { HealthCheckOptions, Secret } from '../../index.js';
import { stopReason } from './stop-scope.js';

export type { HealthCheckOptions };

export interface HealthResult {
  url: string;
  ok: boolean;
  attempts: number;
  /** One line: "200 OK" or why it failed ("timed out after 2000 ms", "redirect loop", ...). */
  detail: string;
  /** Stopped (see checkHealth's `stop`) before it had its answer: neither healthy nor not. */
  interrupted?: boolean;
}

const MAX_BODY = 1024 * 1024;

interface Attempt {
  ok: boolean;
  detail: string;
  /** Failures that retrying cannot fix (a bad URL). */
  final?: boolean;
  /** The request was abandoned because the check was told to stop. */
  stopped?: boolean;
}

/** Rejects requestOnce when the check is told to stop. */
class Stopped extends Error {}

/** The whole exchange took longer than its deadline. */
class TimedOut extends Error {}

/**
 * One GET over fetch, redirects left to the caller (each hop is checked). One deadline
 * (`AbortSignal.timeout`) covers the whole exchange, body included: a server that sends headers
 * and then stalls the body is as unhealthy as one that never answers. Told to stop, the request
 * is dropped at once (`AbortSignal.any` joins the two).
 */
async function requestOnce(
  url: URL,
  timeoutMs: number,
  authorization: string | undefined,
  stop?: AbortSignal,
): Promise<{ status: number; location?: string; body: string }> {
  if (stop?.aborted) throw new Stopped();
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(withoutCredentials(url), {
      redirect: 'manual',
      headers: {
        accept: 'application/json, */*',
        'user-agent': 'slipway-health',
        ...(authorization ? { authorization } : {}),
      },
      signal: stop ? AbortSignal.any([deadline, stop]) : deadline,
    });
    const body = await readCapped(res, MAX_BODY);
    return { status: res.status, location: res.headers.get('location') ?? undefined, body };
  } catch (err) {
    // fetch rejects with the signal's reason; which signal fired says whether it was a stop or
    // the deadline (a stop wins: the person asked for it).
    if (stop?.aborted) throw new Stopped();
    if (deadline.aborted) throw new TimedOut(`timed out after ${timeoutMs} ms`);
    throw err;
  }
}

/** The body as text, at most `max` bytes of it (a health endpoint has no business sending more). */
async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `https://user:password@host/health` as curl sends it: fetch refuses a URL with credentials (and
 * its error quotes the whole URL, password included), so they travel as a Basic `Authorization`
 * header instead, and only to the URL's own origin (a redirect elsewhere does not get them).
 */
function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

function withoutCredentials(url: URL): URL {
  if (!url.username && !url.password) return url;
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare;
}

function describeError(err: unknown): string {
  if (err instanceof TimedOut) return err.message;
  // fetch says "fetch failed"; what happened is in its cause (a system error or undici's own).
  const e = ((err as { cause?: unknown }).cause ?? err) as NodeJS.ErrnoException;
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ECONNRESET' || e.code === 'UND_ERR_SOCKET' || e.message === 'socket hang up')
    return 'connection dropped';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'host not found';
  return e.message || String(err);
}

async function attemptOnce(start: URL, opts: HealthCheckOptions, stop?: AbortSignal): Promise<Attempt> {
  let url = start;
  const authorization = basicAuthorization(start);
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    let res: Awaited<ReturnType<typeof requestOnce>>;
    try {
      res = await requestOnce(
        url,
        opts.timeoutMs,
        url.origin === start.origin ? authorization : undefined,
        stop,
      );
    } catch (err) {
      if (err instanceof Stopped) return { ok: false, detail: 'stopped', stopped: true };
      return { ok: false, detail: describeError(err) };
    }
    if (res.status >= 300 && res.status < 400 && res.location) {
      // Not thrown: a URL error carries the URL it was resolved against (a secret's value).
      if (!URL.canParse(res.location, url.href))
        return { ok: false, detail: `HTTP ${res.status} redirect to an invalid URL`, final: true };
      const next = new URL(res.location, url);
      if (seen.has(next.href) || next.href === url.href)
        return { ok: false, detail: `redirect loop at ${withoutCredentials(next).href}` };
      if (hop >= opts.maxRedirects) return { ok: false, detail: `more than ${opts.maxRedirects} redirects` };
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { ok: false, detail: `redirect to unsupported ${next.protocol} URL`, final: true };
      }
      seen.add(url.href);
      url = next;
      continue;
    }
    if (res.status < 200 || res.status >= 300) return { ok: false, detail: `HTTP ${res.status}` };
    if (opts.expectJsonStatus !== undefined) {
      let status: unknown;
      try {
        status = (JSON.parse(res.body) as { status?: unknown })?.status;
      } catch {
        return {
          ok: false,
          detail: `HTTP ${res.status} but the body is not JSON (expected status "${opts.expectJsonStatus}")`,
        };
      }
      if (status !== opts.expectJsonStatus) {
        return {
          ok: false,
          detail: `HTTP ${res.status} but JSON status is ${JSON.stringify(status ?? null)} (expected "${opts.expectJsonStatus}")`,
        };
      }
    }
    return { ok: true, detail: `HTTP ${res.status}` };
  }
}

/** Waits `ms`, or less if told to stop: a long backoff must not hold up a Ctrl-C. */
function sleep(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    stop?.addEventListener('abort', wake, { once: true });
  });
}

/**
 * A failed attempt that will be retried, as it happens: the check's answer so far (its display
 * URL and a scrubbed detail), and how long the backoff before the next attempt is. A person
 * watching a slow deploy sees why it waits; a test sees that the answer was read.
 */
export interface HealthRetry {
  url: string;
  attempt: number;
  /** Attempts in all (1 + retries). */
  of: number;
  detail: string;
  backoffMs: number;
}

/**
 * Checks one endpoint with retries and exponential backoff; resolves, never rejects. When `stop`
 * aborts (Slipway got a stop signal; its reason names it), the request in flight or the backoff
 * sleep ends at once and the result is `interrupted`. `onRetry` hears of each failed attempt
 * before its backoff.
 *
 * A `Secret` target (a URL built from the policy's `${VAR}`s) is the one place its value is
 * revealed: the result names it by its display form, and every detail (a redirect that still
 * carries the value, an error quoting it, a server's JSON status) goes through its `scrub`.
 */
export async function checkHealth(
  target: string | Secret,
  opts: HealthCheckOptions,
  stop?: AbortSignal,
  onRetry?: (retry: HealthRetry) => void,
): Promise<HealthResult> {
  if (typeof target === 'string') return checkUrl(target, target, opts, stop, onRetry);
  const scrubbed =
    onRetry && ((r: HealthRetry) => onRetry({ ...r, url: target.display, detail: target.scrub(r.detail) }));
  const r = await checkUrl(target.reveal(), target.display, opts, stop, scrubbed);
  return { ...r, url: target.display, detail: target.scrub(r.detail) };
}

async function checkUrl(
  rawUrl: string,
  shown: string,
  opts: HealthCheckOptions,
  stop?: AbortSignal,
  onRetry?: (retry: HealthRetry) => void,
): Promise<HealthResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { url: shown, ok: false, attempts: 0, detail: `not an http(s) URL: ${shown}` };
  }
  let last: Attempt | undefined;
  let attempts = 0;
  for (let i = 0; i <= opts.retries; i++) {
    if (i > 0) await sleep(opts.backoffMs * 2 ** (i - 1), stop);
    if (stop?.aborted)
      return interrupted(url, attempts, stop, last, i === 0 ? 'before checking' : 'before retrying');
    attempts++;
    const attempt = await attemptOnce(url, opts, stop);
    if (attempt.stopped && stop) return interrupted(url, attempts, stop, last, 'while waiting for an answer');
    last = attempt;
    if (last.ok || last.final) break;
    if (i < opts.retries && !stop?.aborted)
      onRetry?.({
        url: url.href,
        attempt: attempts,
        of: opts.retries + 1,
        detail: last.detail,
        backoffMs: opts.backoffMs * 2 ** i,
      });
  }
  return { url: url.href, ok: last?.ok ?? false, attempts, detail: last?.detail ?? 'not checked' };
}

/** A check stopped before it had its answer; `last` is the attempt before, if there was one. */
function interrupted(
  url: URL,
  attempts: number,
  stop: AbortSignal,
  last: Attempt | undefined,
  when: string,
): HealthResult {
  return {
    url: url.href,
    ok: false,
    attempts,
    detail: `interrupted by ${stopReason(stop)} ${when}${last ? ` (last attempt: ${last.detail})` : ''}`,
    interrupted: true,
  };
}
