import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthServer } from '../../../../test/deploy/helpers/health-server.js';
import { checkHealth, type HealthCheckOptions } from '../../src/deploy/health-check.js';

const OPTS: HealthCheckOptions = { timeoutMs: 800, retries: 0, backoffMs: 10, maxRedirects: 5 };

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

  it('rejects a URL that is not http(s) without trying', async () => {
    expect(await checkHealth('ftp://127.0.0.1/x', OPTS)).toMatchObject({ ok: false, attempts: 0 });
  });
});
