import { createPrivateKey, sign } from 'node:crypto';
import { githubRequest } from './api-request.js';

/**
 * A GitHub App's credentials turned into what the REST API takes: a JSON Web Token that proves
 * the App (RS256 over its private key, valid ten minutes at most), exchanged for an installation
 * token that acts on one installation's repositories.
 */
export class AppTokenError extends Error {
  /** Trying again could help: the API was unreachable, slow, or answered 5xx. */
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface AppCredentials {
  /** The App's ID or client ID (the JWT's `iss`). */
  appId: string;
  /** The App's private key, PEM. */
  privateKey: string;
}

/** The App's JWT at `nowMs`: issued a minute early (GitHub's advice against clock drift), valid 9 minutes. */
export function appJwt(creds: AppCredentials, nowMs: number): string {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(creds.privateKey);
  } catch (e) {
    throw new AppTokenError(`the App's private key is not a PEM private key (${(e as Error).message})`);
  }
  const now = Math.floor(nowMs / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 60, exp: now + 540, iss: creds.appId })}`;
  let signature: Buffer;
  try {
    signature = sign('sha256', Buffer.from(unsigned), key);
  } catch (e) {
    throw new AppTokenError(`the App's private key cannot sign RS256 (${(e as Error).message})`);
  }
  return `${unsigned}.${signature.toString('base64url')}`;
}

export interface InstallationTokenRequest {
  apiUrl: string;
  creds: AppCredentials;
  installationId: number;
  /** `owner/name`: the token is narrowed to this repository and to deployments: write. */
  repository: string;
  timeoutMs: number;
}

/** An installation token for one repository, allowed to review its deployments and nothing else. */
export async function installationToken(req: InstallationTokenRequest): Promise<string> {
  const base = new URL(req.apiUrl.endsWith('/') ? req.apiUrl : `${req.apiUrl}/`);
  const url = new URL(`app/installations/${req.installationId}/access_tokens`, base);
  const res = await githubRequest(
    {
      method: 'POST',
      url,
      token: appJwt(req.creds, Date.now()),
      body: { repositories: [req.repository.split('/')[1]], permissions: { deployments: 'write' } },
      signal: AbortSignal.timeout(req.timeoutMs),
      timeoutMs: req.timeoutMs,
      permissionHint:
        'is the App installed on the repository, with Deployments: read and write, and is its ID and key right?',
    },
    (m, retryable) => new AppTokenError(m, retryable),
  );
  let token: unknown;
  try {
    token = ((await res.json()) as { token?: unknown }).token;
  } catch {
    throw new AppTokenError(`the GitHub API answered ${url.pathname} with something that is not JSON`);
  }
  if (typeof token !== 'string' || token === '')
    throw new AppTokenError(`the GitHub API answered ${url.pathname} without a token`);
  return token;
}
