import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How an endpoint behaves; tests switch modes between runs. */
export type Mode =
  | 'healthy'
  | 'failing'
  | 'slow'
  | 'flapping'
  | 'drop'
  | 'redirect-loop'
  | 'error-body'
  | 'redirect-ok'
  | 'delayed';

/**
 * A real HTTP server on 127.0.0.1 standing in for an environment. Its health can also follow
 * "what is deployed": when `stateFile` is set, the server reads the SHA the deploy script last
 * wrote there and fails every check while that SHA is in `badShas`.
 */
export class HealthServer {
  private server: http.Server;
  modes = new Map<string, Mode>();
  defaultMode: Mode = 'healthy';
  stateFile?: string;
  badShas = new Set<string>();
  hits = 0;
  /** How long a `delayed` endpoint takes to answer. */
  delayMs = 5000;
  /** Requests to `delayed` endpoints that have not been answered yet. */
  waiting = 0;
  /** Every request as it arrived: its URL (query included) and its Authorization header. */
  seen: { url: string; authorization?: string }[] = [];
  private flap = 0;
  private delays = new Set<NodeJS.Timeout>();

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.delays) clearTimeout(t);
    this.delays.clear();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private deployedIsBad(): boolean {
    if (!this.stateFile) return false;
    try {
      return this.badShas.has(readFileSync(this.stateFile, 'utf8').trim());
    } catch {
      return false;
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    this.hits++;
    this.seen.push({
      url: req.url ?? '/',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/loop')) {
      res.writeHead(302, { location: `/loop${(Number(path.slice(5)) || 0) + 1}` }).end();
      return;
    }
    if (path === '/final') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    let mode = this.modes.get(path) ?? this.defaultMode;
    if (mode === 'healthy' && this.deployedIsBad()) mode = 'failing';
    switch (mode) {
      case 'healthy':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      case 'failing':
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"down"}');
        return;
      case 'slow':
        // Headers at once, body never: only a whole-exchange deadline catches this.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":');
        return;
      case 'flapping':
        this.flap++;
        if (this.flap % 2 === 1) res.writeHead(500).end('flap');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'redirect-loop':
        // Back to the very URL asked for, query and all.
        res.writeHead(302, { location: req.url ?? path }).end();
        return;
      case 'redirect-ok':
        res.writeHead(301, { location: '/final' }).end();
        return;
      case 'delayed': {
        // Healthy, but only after `delayMs`: a health check that is still waiting for its answer.
        this.waiting++;
        const answer = () => {
          this.delays.delete(timer);
          this.waiting--;
          if (!res.destroyed)
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        };
        const timer = setTimeout(answer, this.delayMs);
        this.delays.add(timer);
        // A client that gave up is no longer waiting.
        res.on('close', () => {
          if (this.delays.delete(timer)) {
            clearTimeout(timer);
            this.waiting--;
          }
        });
        return;
      }
      case 'error-body':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"error","detail":"db down"}');
        return;
    }
  }
}
