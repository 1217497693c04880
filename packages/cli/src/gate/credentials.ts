import { readFileSync } from 'node:fs';
import type { ProtectionRuleRequest } from '@slipway/policy-core';
import { appJwt, installationToken } from '@slipway/policy-core/node';
import { UserError } from '../command.js';

/** How the gate gets the token its review is sent with, for one delivery. */
export type TokenSource = (request: ProtectionRuleRequest, apiUrl: string) => Promise<string>;

/** The private key is a few kilobytes; a larger file is not one. */
const MAX_KEY_BYTES = 64 * 1024;

export const CREDENTIALS_USAGE = `Credentials (only the GitHub App whose rule it is may review a deployment):
  SLIPWAY_GITHUB_APP_ID and SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE (or SLIPWAY_GITHUB_APP_PRIVATE_KEY,
                     the PEM itself): the gate mints an installation token per delivery, narrowed
                     to the delivery's repository and deployments: write
  SLIPWAY_GITHUB_TOKEN  an installation token minted elsewhere (a relay workflow's
                     actions/create-github-app-token step)`;

/**
 * The token source the environment configures, or a UserError saying what to set. An App's key
 * is read once, here, so a wrong path fails at start and not at the first deployment.
 */
export function tokenSource(env: Record<string, string | undefined>, serving: boolean): TokenSource {
  const token = env.SLIPWAY_GITHUB_TOKEN;
  const appId = env.SLIPWAY_GITHUB_APP_ID;
  if (appId) {
    const privateKey = appKey(env);
    // The key is tried now: a key that cannot sign fails at start, not at the first deployment.
    try {
      appJwt({ appId, privateKey }, Date.now());
    } catch (e) {
      throw new UserError(`SLIPWAY_GITHUB_APP_ID's key: ${(e as Error).message}`);
    }
    return async (request, apiUrl) => {
      if (request.installationId === undefined)
        throw new UserError('the delivery names no installation: it did not come from a GitHub App', 1);
      return installationToken({
        apiUrl,
        creds: { appId, privateKey },
        installationId: request.installationId,
        repository: request.repository,
        timeoutMs: 10_000,
      });
    };
  }
  if (token && serving)
    throw new UserError(
      "slipway gate --serve needs the App's ID and key (SLIPWAY_GITHUB_APP_ID, SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE): an installation token in SLIPWAY_GITHUB_TOKEN expires within the hour",
    );
  if (token) return async () => token;
  throw new UserError(
    'slipway gate needs credentials to answer GitHub: set SLIPWAY_GITHUB_APP_ID and SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE (the App whose protection rule it is), or SLIPWAY_GITHUB_TOKEN; --dry-run judges without answering',
  );
}

function appKey(env: Record<string, string | undefined>): string {
  const file = env.SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE;
  if (file) {
    let text: string;
    try {
      const buf = readFileSync(file);
      if (buf.length > MAX_KEY_BYTES)
        throw new UserError(
          `SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE ${file} is ${buf.length} bytes: not a private key`,
        );
      text = buf.toString('utf8');
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(
        `SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    return text;
  }
  const pem = env.SLIPWAY_GITHUB_APP_PRIVATE_KEY;
  if (pem) return pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
  throw new UserError(
    "SLIPWAY_GITHUB_APP_ID is set but the key is not: set SLIPWAY_GITHUB_APP_PRIVATE_KEY_FILE to the App's .pem file",
  );
}
