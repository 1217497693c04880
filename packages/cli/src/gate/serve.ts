import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTECTION_RULE_EVENT_MAX_BYTES, printableLines } from '@slipway/policy-core';
import { webhookSignatureValid } from '@slipway/policy-core/node';
import type { CommandContext } from '../command.js';
import {
  type DeliveryOutcome,
  type GateSettings,
  judgeAndAnswer,
  outcomeLine,
  rejectUnreadable,
  requestFromDelivery,
  unreadableRequest,
} from './answer-delivery.js';
import { readCappedDelivery } from './read-capped.js';

export interface ServeSettings extends GateSettings {
  host: string;
  port: number;
  /** The path GitHub posts to (the App's webhook URL's path). */
  path: string;
  secret: string;
}

/**
 * Deliveries waiting to be judged at most; past it 503. GitHub does not redeliver on its own (a
 * person can, from the App's advanced settings or its deliveries API), so this is a bound against
 * a flood, not a buffer expected to fill.
 */
const MAX_QUEUED = 64;
/** Connections at once, and how long one may take to send its request (GitHub sends at once). */
const MAX_CONNECTIONS = 128;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The GitHub App's webhook endpoint: each signed `deployment_protection_rule` delivery is answered
 * 202 at once (GitHub gives a webhook ten seconds; a guard can take longer), then judged, one at
 * a time, and the review sent. Unsigned or wrongly signed deliveries are refused before their
 * body is read as JSON; a signed one it cannot read is rejected on GitHub, saying why, where its
 * review URL allows. A delivery for a run already waiting in the queue (the same callback,
 * environment and commit: a replay) is not queued twice. Runs until SIGINT or SIGTERM, then
 * finishes the judging under way.
 */
export async function serveGate(ctx: CommandContext, s: ServeSettings): Promise<number> {
  const log = (line: string) => ctx.stdout.write(`${new Date().toISOString()} ${printableLines(line)}\n`);
  let queue = Promise.resolve();
  let queued = 0;
  const waiting = new Set<string>();
  const enqueue = (delivery: string, key: string, work: () => Promise<DeliveryOutcome>) => {
    queued++;
    waiting.add(key);
    queue = queue.then(async () => {
      try {
        log(`${delivery} ${outcomeLine(await work())}`);
      } catch (e) {
        log(`${delivery} error: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        queued--;
        waiting.delete(key);
      }
    });
  };
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: Error) => {
      log(`error: ${e.message.split('\n')[0]}`);
      if (!res.headersSent) reply(res, 500, 'internal error');
    });
  });
  const reply = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const delivery = String(req.headers['x-github-delivery'] ?? '-').slice(0, 64);
    const path = (req.url ?? '/').split('?')[0];
    if (path !== s.path) return reply(res, 404, `not found: the gate listens on ${s.path}`);
    if (req.method !== 'POST') return reply(res, 405, 'POST only');
    const body = await readBody(req);
    if (body === undefined) {
      log(`${delivery} refused: larger than ${PROTECTION_RULE_EVENT_MAX_BYTES} bytes`);
      return reply(res, 413, 'too large');
    }
    if (!webhookSignatureValid(s.secret, body, headerValue(req.headers['x-hub-signature-256']))) {
      log(`${delivery} refused: X-Hub-Signature-256 missing or not made with the webhook secret`);
      return reply(res, 401, 'bad signature');
    }
    const event = headerValue(req.headers['x-github-event']);
    if (event === 'ping') return reply(res, 200, 'pong');
    if (event !== 'deployment_protection_rule') {
      log(`${delivery} ignored: event ${String(event).slice(0, 40)}`);
      return reply(res, 202, 'ignored: not a deployment_protection_rule event');
    }
    const text = body.toString('utf8');
    const checked = requestFromDelivery(text, s);
    if (queued >= MAX_QUEUED) {
      log(`${delivery} refused: busy, ${queued} deliveries waiting; GitHub redelivers it`);
      return reply(res, 503, 'busy: too many deliveries waiting');
    }
    if (!checked.ok) {
      log(`${delivery} ${outcomeLine(checked.outcome)}`);
      const unreadable =
        checked.outcome.kind === 'invalid' ? unreadableRequest(text, s, checked.outcome.line) : undefined;
      if (!unreadable)
        return reply(res, checked.outcome.kind === 'ignored' ? 202 : 400, outcomeLine(checked.outcome));
      reply(res, 202, 'rejecting: the delivery could not be read');
      return enqueue(delivery, `unreadable ${delivery}`, () => rejectUnreadable(s, unreadable));
    }
    const { request, reviewUrl } = checked;
    const key = `${reviewUrl} ${request.environment} ${request.sha}`;
    if (waiting.has(key)) {
      log(
        `${delivery} already waiting: ${request.sha.slice(0, 12)} to ${request.environment} is judged once`,
      );
      return reply(res, 202, 'already waiting to be judged');
    }
    reply(res, 202, 'judging');
    log(`${delivery} judging ${request.sha.slice(0, 12)} to ${request.environment} (${request.repository})`);
    enqueue(delivery, key, () => judgeAndAnswer(ctx, s, request, reviewUrl));
  }

  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(s.port, s.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // An error after listening (too many open files under a flood) is logged, never a crash.
  server.on('error', (e) => log(`server error: ${e.message.split('\n')[0]}`));
  const { port } = server.address() as AddressInfo;
  log(`listening on http://${s.host}:${port}${s.path} for deployment_protection_rule deliveries`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  server.close();
  server.closeIdleConnections();
  await queue;
  server.closeAllConnections();
  log('stopped');
  return 0;
}

function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

/** The raw body, or undefined past the limit (the rest is not read). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > PROTECTION_RULE_EVENT_MAX_BYTES) return undefined;
  return readCappedDelivery(req);
}
