import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A labeled event as GitHub's issue events endpoint returns it. */
export function labeled(label: string, login: string): object {
  return { event: 'labeled', label: { name: label, color: 'ededed' }, actor: { login } };
}

/** An unlabeled event: `login` removed the label. */
export function unlabeled(label: string, login: string): object {
  return { event: 'unlabeled', label: { name: label, color: 'ededed' }, actor: { login } };
}

/** A labeled event a GitHub App performed for `login` (a user-to-server token): the actor is the person. */
export function labeledVia(label: string, login: string, app: string): object {
  return { ...labeled(label, login), performed_via_github_app: { slug: app, name: app } };
}

/** Filler: an event that is not about labels (commented, referenced, …). */
export function other(n: number): object {
  return { event: 'referenced', actor: { login: `someone${n}` } };
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/**
 * GitHub's REST API as far as label provenance asks it, on 127.0.0.1: the issue events of one
 * pull request, 100 a page with a `Link: rel="next"` header, or whatever `handler` answers.
 * `requests` records every path asked and the authorization header sent.
 */
export class GithubStandIn {
  readonly requests: { path: string; auth?: string }[] = [];
  private server!: Server;
  url = '';

  constructor(
    private events: object[] = [],
    private handler?: Handler,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.url);
      this.requests.push({ path: `${url.pathname}${url.search}`, auth: req.headers.authorization });
      if (this.handler) return this.handler(req, res, url);
      const page = Number(url.searchParams.get('page') ?? '1');
      const per = Number(url.searchParams.get('per_page') ?? '30');
      const slice = this.events.slice((page - 1) * per, page * per);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (page * per < this.events.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next", <${url.href}>; rel="first"`;
      }
      res.writeHead(200, headers).end(JSON.stringify(slice));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The API down: an address where the stand-in listened and no longer does (connections are refused). */
export class StoppedStandIn extends GithubStandIn {
  override async start(): Promise<this> {
    await super.start();
    await super.stop();
    return this;
  }

  override async stop(): Promise<void> {}
}
