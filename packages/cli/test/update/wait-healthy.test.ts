import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitHealthy } from '../../src/update/health-check.js';

// A real HTTP server on 127.0.0.1: /flaky answers 503 twice, then 200; /moved redirects to /ok;
// /down always 503.
let server: Server;
let base = '';
let flakyCalls = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/flaky') {
      flakyCalls += 1;
      res.writeHead(flakyCalls <= 2 ? 503 : 200).end();
    } else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
    else if (req.url === '/ok') res.writeHead(200).end('ok');
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the self-update's health wait", () => {
  it('polls until the service answers 2xx', async () => {
    const r = await waitHealthy(`${base}/flaky`, 5);
    expect(r).toEqual({ ok: true, last: 'HTTP 200', attempts: 3 });
  });

  it('follows a redirect to a healthy page, as a policy health check does', async () => {
    expect(await waitHealthy(`${base}/moved`, 5)).toMatchObject({ ok: true, last: 'HTTP 200' });
  });

  it('gives up at the deadline with the last answer, or at once on a URL that is not http(s)', async () => {
    const down = await waitHealthy(`${base}/down`, 1);
    expect(down).toMatchObject({ ok: false, last: 'HTTP 503' });
    expect(down.attempts).toBeGreaterThan(1);
    // A port that was just free: nothing listens there.
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const closed = await waitHealthy(`http://127.0.0.1:${port}/health`, 1);
    expect(closed).toMatchObject({ ok: false, last: 'connection refused' });
    expect(await waitHealthy('file:///etc/passwd', 5)).toEqual({
      ok: false,
      last: 'not an http(s) URL: file:///etc/passwd',
      attempts: 1,
    });
  });
});
