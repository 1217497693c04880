import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY, type TempRepo } from '../helpers/git-repo.js';

/**
 * What the issue 55 (3) tests share, the CLI's and the language server's: distinctive values for
 * the policy's `${VAR}`s, a deploy script that prints them, and the sweep that looks for every
 * form of them in a repository after a run: every file as stored (`.git` included), every object
 * git holds (decompressed), and `git log -p --all`.
 */

/** Goes into a query string: a space, a plus and a slash, which a URL encodes (or not) its own way. */
export const HEALTH_KEY = 'hk 7Qz9+Xw/V3~sekret-query';
/** Goes into userinfo, percent-encoded as a URL needs it; it travels as a Basic Authorization header. */
export const PROBE_PW = 'Pr0be%2FPass%40w0rd-userinfo';
export const PROBE_PW_DECODED = 'Pr0be/Pass@w0rd-userinfo';
/** Too short to search for in free text: hidden wherever Slipway builds the text, not elsewhere. */
export const API_V = '1';

/** What a deploy script must not be able to put in the record by printing its environment. */
export const DEPLOY_SCRIPT = `#!/bin/sh
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/requests.log"
echo "deploying with key $HEALTH_KEY to $PROD_URL and probe $PROBE_PW"
echo "stderr: key=$HEALTH_KEY" >&2
echo "api version $API_V ready"
if [ -n "$DEPLOY_FAIL" ] || [ -f "$DEPLOY_STATE/fail" ]; then echo "failed; the key was $HEALTH_KEY" >&2; exit 3; fi
printf '%s\\n' "$SLIPWAY_SHA" > "$DEPLOY_STATE/$SLIPWAY_ENV.current"
`;

export const secretsPolicy = (literalBase: string) => `version: 1
production_branch: main
deploy:
  record: infrastructure/LAST_PROD_DEPLOY.json
  audit_log: infrastructure/deploy-audit.jsonl
  environments:
    staging:
      url: "\${STAGING_URL}"
      health: ["/health?key=\${HEALTH_KEY}"]
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 0
      health_timeout_ms: 5000
      deploy_timeout_s: 20
    production:
      url: "\${PROD_URL}"
      health:
        - "/health?key=\${HEALTH_KEY}"
        - "http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep"
        - "/v\${API_V}/ping"
      expect_json_status: ok
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 0
      health_timeout_ms: 1500
      deploy_timeout_s: 20
      approval: required
    literal:
      url: "${literalBase}"
      health: ["/status?cost=$5&who=$USER"]
      health_retries: 0
`;

/** Every form in which a value would count as leaked: as set, decoded, as a URL or a header carries it. */
export function forbidden(env: Record<string, string>): string[] {
  const basic = Buffer.from(`slipway:${PROBE_PW_DECODED}`).toString('base64');
  return [
    HEALTH_KEY,
    encodeURIComponent(HEALTH_KEY),
    new URL(`http://h/?key=${HEALTH_KEY}`).search.slice('?key='.length),
    new URLSearchParams({ k: HEALTH_KEY }).toString().slice(2),
    'sekret-query',
    PROBE_PW,
    PROBE_PW_DECODED,
    'w0rd-userinfo',
    basic,
    basic.slice(4, -4),
    env.PROD_URL as string,
    env.STAGING_URL as string,
    env.PROBE_HOST as string,
  ];
}

/** Every file under `dir` as stored, `.git` included (its objects are compressed: see gitText). */
export function rawFiles(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out += rawFiles(full);
    else if (st.isFile()) out += `\n${full}\n${readFileSync(full, 'latin1')}`;
  }
  return out;
}

/** Every object git holds, decompressed (reachable or not), and the whole history as patches. */
export function gitText(repo: TempRepo): string {
  const objects = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch', '--unordered'], {
    cwd: repo.dir,
    env: { ...process.env, ...IDENTITY },
    encoding: 'latin1',
    maxBuffer: 256 * 1024 * 1024,
  });
  return `${objects}\n${repo.git('log', '-p', '--all', '--format=fuller')}`;
}

/** The forms of the values (see forbidden) found in `text`: none, if nothing leaked. */
export function leaksIn(text: string, env: Record<string, string>): string[] {
  return forbidden(env).filter((f) => text.includes(f));
}

/** The forms of the values found anywhere in the repository, working tree and git alike. */
export function leaksInRepository(repo: TempRepo, env: Record<string, string>): string[] {
  return leaksIn(`${rawFiles(repo.dir)}\n${gitText(repo)}`, env);
}
