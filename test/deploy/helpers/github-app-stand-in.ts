import { createHmac, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GithubStandIn } from '../../helpers/github-stand-in.js';

/** The webhook secret the tests' App has, and a body signed with it as GitHub signs (X-Hub-Signature-256). */
export const WEBHOOK_SECRET = 'webhook-secret-for-the-test';
export const sign = (body: string) =>
  `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'github-gate');

/** A review GitHub received: the run, the token it came with, its body. */
export interface ReceivedReview {
  path: string;
  authorization?: string;
  body: { environment_name?: string; state?: string; comment?: string };
}

/**
 * GitHub's REST API as a protection-rule App meets it, on 127.0.0.1, per GitHub's documented
 * endpoints: `POST /app/installations/{id}/access_tokens` (answers 201 with a token only to a JWT
 * signed with the App's key, issued by its ID, living at most ten minutes) and
 * `POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule` (answers 204 only
 * to that token; records the review). The App's RSA key pair is real, made for each stand-in.
 */
export class GithubAppStandIn {
  readonly appId = '424242';
  readonly installationId = 777;
  readonly privateKeyPem: string;
  private readonly publicKey: KeyObject;
  readonly tokenRequests: { installation: string; body: unknown; jwtOk: boolean; why?: string }[] = [];
  readonly reviews: ReceivedReview[] = [];
  /** Every request, in order (a test checks nothing was sent). */
  readonly seen: string[] = [];
  /** Set to make the token endpoint fail with this status. */
  tokenStatus = 201;
  private readonly token = `ghs_standin${Math.random().toString(36).slice(2)}`;
  private readonly api = new GithubStandIn([], (req, res, url) => void this.handle(req, res, url));
  url = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    this.publicKey = publicKey;
  }

  async start(): Promise<this> {
    await this.api.start();
    this.url = this.api.url;
    return this;
  }

  stop(): Promise<void> {
    return this.api.stop();
  }

  /** The App's credentials and webhook secret as `slipway gate` reads them. */
  appEnv(): Record<string, string> {
    return {
      SLIPWAY_GITHUB_APP_ID: this.appId,
      SLIPWAY_GITHUB_APP_PRIVATE_KEY: this.privateKeyPem,
      SLIPWAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
  }

  /** `slipway gate`'s flags for this stand-in: its API, and the repository its deliveries name. */
  gateArgs(): string[] {
    return ['--api-url', this.url, '--repository', 'acme/app'];
  }

  /**
   * A delivery body from one of the fixtures, for `repository` (owner/name), `sha` and
   * `environment`, its callback on this stand-in (or `callbackBase`) for run `runId`.
   */
  delivery(
    shape: 'documented' | 'captured',
    o: { sha: string; environment: string; repository?: string; runId?: number; callbackBase?: string },
  ): string {
    const repository = o.repository ?? 'acme/app';
    const [owner, name] = repository.split('/') as [string, string];
    return readFileSync(join(FIXTURES, `requested-${shape}.json`), 'utf8')
      .replaceAll(
        'API_URL/repos/OWNER/REPO/actions',
        `${o.callbackBase ?? this.url}/repos/OWNER/REPO/actions`,
      )
      .replaceAll('API_URL', this.url)
      .replaceAll('OWNER/REPO', repository)
      .replaceAll('REPO_NAME', name)
      .replaceAll('OWNER_LOGIN', owner)
      .replaceAll('RUN_ID', String(o.runId ?? 9001))
      .replaceAll('"SHA"', JSON.stringify(o.sha))
      .replaceAll('ENVIRONMENT', o.environment)
      .replaceAll('INSTALLATION_ID', String(this.installationId));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = url.pathname;
    this.seen.push(`${req.method} ${path}`);
    const json = (status: number, body?: unknown) =>
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(body === undefined ? '' : JSON.stringify(body));
    const tokenPath = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (req.method === 'POST' && tokenPath) {
      const jwt = this.checkJwt(req.headers.authorization);
      this.tokenRequests.push({
        installation: tokenPath[1] as string,
        body: JSON.parse(text || 'null'),
        ...jwt,
      });
      if (!jwt.jwtOk) return json(401, { message: `A JSON web token could not be decoded (${jwt.why})` });
      if (tokenPath[1] !== String(this.installationId)) return json(404, { message: 'Not Found' });
      if (this.tokenStatus !== 201) return json(this.tokenStatus, { message: 'Bad credentials' });
      return json(201, { token: this.token, expires_at: new Date(Date.now() + 3600_000).toISOString() });
    }
    if (
      req.method === 'POST' &&
      /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/deployment_protection_rule$/.test(path)
    ) {
      this.reviews.push({ path, authorization: req.headers.authorization, body: JSON.parse(text || '{}') });
      if (req.headers.authorization !== `Bearer ${this.token}`)
        return json(401, { message: 'Bad credentials' });
      return json(204);
    }
    return json(404, { message: 'Not Found' });
  }

  /** Whether a bearer JWT is the App's: RS256 over its key, `iss` its ID, at most 10 minutes long, live now. */
  private checkJwt(authorization: string | undefined): { jwtOk: boolean; why?: string } {
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
    if (!m) return { jwtOk: false, why: 'not a bearer JWT' };
    const [, h, p, s] = m as unknown as [string, string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
      iat: number;
      exp: number;
      iss: string;
    };
    if (header.alg !== 'RS256') return { jwtOk: false, why: `alg ${header.alg}` };
    if (!verify('sha256', Buffer.from(`${h}.${p}`), this.publicKey, Buffer.from(s, 'base64url')))
      return { jwtOk: false, why: 'signature' };
    const now = Date.now() / 1000;
    if (String(claims.iss) !== this.appId) return { jwtOk: false, why: `iss ${claims.iss}` };
    if (claims.exp - claims.iat > 600 || claims.iat > now + 1 || claims.exp < now)
      return { jwtOk: false, why: 'times' };
    return { jwtOk: true };
  }
}
