import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthServer } from '../../../../../test/deploy/helpers/health-server.js';
import { waitUntil } from '../../../../../test/helpers/wait-until.js';
import {
  checkHealth,
  type HealthCheckOptions,
  type HealthRetry,
} from '../../../src/node/deploy/health-check.js';
import { Secret } from '../../../src/deploy/flow/secret.js';

// A timeout no answer from 127.0.0.1 needs, however loaded the machine; the tests that expect a
// timeout set a short one themselves.
const OPTS: HealthCheckOptions = { timeoutMs: 30_000, retries: 0, backoffMs: 10, maxRedirects: 5 };
/** Longer than any test runs: a `delayed` endpoint that answers at all has not been stopped. */
const NEVER_MS = 600_000;

describe('checkHealth against a real server on 127.0.0.1', () => {
  const server = new HealthServer();
  let base = '';
  beforeAll(async () => {
    base = await server.start();
    server.modes.set('/ok', 'healthy');
    server.modes.set('/down', 'failing');
    server.modes.set('/slow', 'slow');
    server.modes.set('/flap', 'flapping');
    server.modes.set('/drop', 'drop');
    server.modes.set('/self', 'redirect-loop');
    server.modes.set('/err', 'error-body');
    server.modes.set('/moved', 'redirect-ok');
    server.modes.set('/delayed', 'delayed');
    server.delayMs = NEVER_MS;
  });
  afterAll(() => server.stop());

  it('passes a healthy endpoint and follows a redirect', async () => {
    expect(await checkHealth(`${base}/ok`, OPTS)).toMatchObject({
      ok: true,
      attempts: 1,
      detail: 'HTTP 200',
    });
    expect(await checkHealth(`${base}/moved`, { ...OPTS, expectJsonStatus: 'ok' })).toMatchObject({
      ok: true,
    });
  });

  it('fails a 503 after retrying it', async () => {
    expect(await checkHealth(`${base}/down`, { ...OPTS, retries: 2 })).toMatchObject({
      ok: false,
      attempts: 3,
      detail: 'HTTP 503',
    });
  });

  it('times out a server that sends headers and then stalls', async () => {
    const r = await checkHealth(`${base}/slow`, { ...OPTS, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, detail: 'timed out after 300 ms' });
  });

  it('times out a server that accepts the connection and never answers, with a stop signal beside', async () => {
    const stop = new AbortController();
    const r = await checkHealth(`${base}/delayed`, { ...OPTS, timeoutMs: 300 }, stop.signal);
    expect(r).toMatchObject({ ok: false, detail: 'timed out after 300 ms' });
    expect(r.interrupted).toBeUndefined();
  });

  it('passes a flapping endpoint on retry', async () => {
    const r = await checkHealth(`${base}/flap`, { ...OPTS, retries: 3 });
    expect(r.ok).toBe(true);
    expect(r.attempts).toBeGreaterThanOrEqual(1);
    const once = await checkHealth(`${base}/flap`, OPTS);
    const twice = await checkHealth(`${base}/flap`, OPTS);
    expect([once.ok, twice.ok].sort()).toEqual([false, true]);
  });

  it('reports dropped connections and refused ones', async () => {
    expect(await checkHealth(`${base}/drop`, OPTS)).toMatchObject({
      ok: false,
      detail: 'connection dropped',
    });
    const closed = new HealthServer();
    const url = await closed.start();
    await closed.stop();
    expect(await checkHealth(`${url}/x`, OPTS)).toMatchObject({ ok: false, detail: 'connection refused' });
  });

  it('stops redirect loops and long redirect chains', async () => {
    expect((await checkHealth(`${base}/self`, OPTS)).detail).toMatch(/^redirect loop at /);
    expect(await checkHealth(`${base}/loop0`, { ...OPTS, maxRedirects: 3 })).toMatchObject({
      ok: false,
      detail: 'more than 3 redirects',
    });
  });

  it('fails a 200 with an error body when a JSON status is expected, and only then', async () => {
    expect(await checkHealth(`${base}/err`, OPTS)).toMatchObject({ ok: true });
    expect(await checkHealth(`${base}/err`, { ...OPTS, expectJsonStatus: 'ok' })).toMatchObject({
      ok: false,
      detail: 'HTTP 200 but JSON status is "error" (expected "ok")',
    });
  });

  // The answer and the timeout are both past the test's own: only the stop can end the check,
  // sent once the server holds the request (an earlier test's abandoned one gone first).
  it('told to stop, drops a request still waiting for its answer at once', async () => {
    await waitUntil(() => server.waiting === 0, 'earlier requests to close');
    const stop = new AbortController();
    const checking = checkHealth(
      `${base}/delayed`,
      { ...OPTS, timeoutMs: NEVER_MS, retries: 2 },
      stop.signal,
    );
    await waitUntil(() => server.waiting > 0, 'the request to reach the server');
    stop.abort('SIGINT');
    const r = await checking;
    expect(r).toMatchObject({
      ok: false,
      interrupted: true,
      attempts: 1,
      detail: 'interrupted by SIGINT while waiting for an answer',
    });
    // The server sees the client go: nothing is left waiting.
    await waitUntil(() => server.waiting === 0, 'the server to see the abandoned request close');
  });

  // A backoff past the test's timeout: only cutting it short lets the check return. The stop is
  // sent once the check has read the first answer and decided to retry (its onRetry event).
  it('told to stop, cuts a backoff sleep short and says what the last attempt saw', async () => {
    const stop = new AbortController();
    const retries: HealthRetry[] = [];
    const checking = checkHealth(
      `${base}/down`,
      { ...OPTS, retries: 3, backoffMs: NEVER_MS },
      stop.signal,
      (r) => retries.push(r),
    );
    await waitUntil(() => retries.length > 0, 'the first answer to be read');
    expect(retries).toEqual([
      { url: `${base}/down`, attempt: 1, of: 4, detail: 'HTTP 503', backoffMs: NEVER_MS },
    ]);
    stop.abort('SIGINT');
    const r = await checking;
    expect(r).toMatchObject({
      ok: false,
      interrupted: true,
      attempts: 1,
      detail: 'interrupted by SIGINT before retrying (last attempt: HTTP 503)',
    });
  });

  // The retry event goes to the terminal and the editor: a URL built from secrets is named as the
  // policy wrote it, and a detail that quotes the value (a redirect loop's URL) is scrubbed.
  it('a retry of a secret URL is named by its display form, its detail scrubbed', async () => {
    const value = `${base}/self?key=hunter22`;
    const secret = new Secret(value, `\${BASE}/self?key=\${KEY}`, (t) =>
      t.replaceAll(base, `\${BASE}`).replaceAll('hunter22', `\${KEY}`),
    );
    const retries: HealthRetry[] = [];
    const r = await checkHealth(secret, { ...OPTS, retries: 1 }, undefined, (x) => retries.push(x));
    expect(r.ok).toBe(false);
    expect(retries).toEqual([
      {
        url: `\${BASE}/self?key=\${KEY}`,
        attempt: 1,
        of: 2,
        detail: `redirect loop at \${BASE}/self?key=\${KEY}`,
        backoffMs: OPTS.backoffMs,
      },
    ]);
    // Near miss: a check that passes at once, or has no retries left, reports no retry.
    const none: HealthRetry[] = [];
    await checkHealth(`${base}/ok`, { ...OPTS, retries: 2 }, undefined, (x) => none.push(x));
    await checkHealth(`${base}/down`, OPTS, undefined, (x) => none.push(x));
    expect(none).toEqual([]);
  });

  it('already told to stop, checks nothing; a check that answers before the stop keeps its result', async () => {
    const c = new AbortController();
    c.abort('SIGTERM');
    expect(await checkHealth(`${base}/ok`, OPTS, c.signal)).toMatchObject({
      ok: false,
      interrupted: true,
      attempts: 0,
      detail: 'interrupted by SIGTERM before checking',
    });
    // The stop comes once the answer is in (not after a guessed delay): the result stands.
    const late = new AbortController();
    const r = await checkHealth(`${base}/ok`, OPTS, late.signal);
    late.abort('SIGTERM');
    expect(r).toMatchObject({ ok: true, detail: 'HTTP 200' });
    expect(r.interrupted).toBeUndefined();
  });

  it('rejects a URL that is not http(s) without trying', async () => {
    expect(await checkHealth('ftp://127.0.0.1/x', OPTS)).toMatchObject({ ok: false, attempts: 0 });
  });
});
