import { withoutTrailingSlashes } from '@slipway/policy-core';
import { resolve } from 'node:path';
import { runGit } from '@slipway/policy-core/node';
import { UserError } from '../command.js';

const NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * The one repository whose deliveries this clone judges: `--repository`, else the `origin`
 * remote's `owner/name` (https, ssh or scp-like URL). An App installed on several repositories
 * posts all their deliveries to one URL; a delivery for another is refused, not judged by this
 * clone's policy and record.
 */
export async function gateRepository(flag: string | undefined, cwd: string, repo: string | undefined) {
  if (flag !== undefined) {
    if (!NAME.test(flag)) throw new UserError(`--repository must be OWNER/NAME, not "${flag}"`);
    return flag;
  }
  const r = await runGit(resolve(cwd, repo ?? '.'), ['remote', 'get-url', 'origin'], { okCodes: [2, 128] });
  const url = r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  const m = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|[^@/:]+@[^:/]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
  const name = m?.[1];
  if (name && NAME.test(name)) return name;
  throw new UserError(
    `pass --repository OWNER/NAME: the repository whose deployments this clone judges (${url ? `origin is ${url}` : 'there is no origin remote'})`,
  );
}

/** The API URL: https (http only to this machine, as a test's stand-in), with nothing but a path. */
export function gateApiUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(`--api-url "${text}" is not a URL`);
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    throw new UserError(`--api-url ${u.origin} must be https: the App's token and its JWT travel to it`);
  if (u.username || u.password || u.search || u.hash)
    throw new UserError(`--api-url "${text}" may hold a host and a path only`);
  return withoutTrailingSlashes(u.href);
}
