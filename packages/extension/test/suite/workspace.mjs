// The folder the mocha suite opens: a git repository holding a copy of examples/mayassistant
// whose policy gains a staging environment (deployed by a script, health checked over HTTP on
// 127.0.0.1 by a stand-in the suite starts), plus one edit not yet committed, an unpinned
// requirement, so the editor has findings to show from the start.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/mayassistant', import.meta.url));

const STAGING = `  environments:
    staging:
      url: "\${STAGING_URL}"
      health: [/api/health/]
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 1
      health_backoff_ms: 20
      health_timeout_ms: 5000
      deploy_timeout_s: 60
`;

/** Records each request ("action env sha") in $DEPLOY_STATE/requests.log, as the deploy tests' script does. */
const DEPLOY_SCRIPT = `#!/bin/sh
set -e
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/requests.log"
echo "deployed $SLIPWAY_SHA to $SLIPWAY_ENV"
`;

/** The commit's author and no machine git configuration: the same repository on every machine. */
const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Dev Human',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev Human',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

/** (Re)creates the suite's workspace in `dir` and returns it. */
export function prepareWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(EXAMPLE, dir, { recursive: true });
  // The example's record names a SHA no repository has; the suite's repository has no deploy yet.
  rmSync(join(dir, 'infrastructure/LAST_PROD_DEPLOY.json'));
  const policy = join(dir, 'slipway.yaml');
  writeFileSync(policy, `${readFileSync(policy, 'utf8').trimEnd()}\n${STAGING}`);
  writeFileSync(join(dir, 'infrastructure/scripts/deploy.sh'), DEPLOY_SCRIPT);
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'MayAssistant with a staging environment');
  appendFileSync(join(dir, 'backend/requirements.txt'), 'httpx>=0.27\n');
  return dir;
}
