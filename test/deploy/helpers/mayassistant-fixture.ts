import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempRepo } from '../../helpers/git-repo.js';
import { standInEnv } from './deploy-repo.js';
import { HealthServer } from './health-server.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/mayassistant', import.meta.url));

/**
 * The deploy script the environments run: records each request ("action env sha"), writes the
 * SHA as what runs now (the stand-in's health follows it), prints a line of output. Waits while
 * `$DEPLOY_STATE/hold` exists, so a test can cancel a deploy that is under way.
 */
const DEPLOY_SCRIPT = `#!/bin/sh
set -e
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/requests.log"
echo "deploying $SLIPWAY_SHA to $SLIPWAY_ENV"
while [ -f "$DEPLOY_STATE/hold" ]; do sleep 0.1; done
printf '%s\\n' "$SLIPWAY_SHA" > "$DEPLOY_STATE/$SLIPWAY_ENV.current"
echo "deployed $SLIPWAY_SHA to $SLIPWAY_ENV"
`;

const ENVIRONMENTS = `  environments:
    staging:
      url: "\${STAGING_URL}"
      health: [/api/health/]
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 1
      health_backoff_ms: 20
      health_timeout_ms: 5000
      deploy_timeout_s: 60
    production:
      url: "\${PROD_URL}"
      health: [/health]
      expect_json_status: ok
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 1
      health_backoff_ms: 20
      health_timeout_ms: 5000
      deploy_timeout_s: 60
      approval: required
`;

/**
 * A copy of examples/mayassistant in a temp git repository, its deploy: section given staging
 * and production environments whose deploy command is a script and whose health checks are real
 * HTTP servers on 127.0.0.1. The example's placeholder record (a SHA no repository has) is left
 * out: the first production promote writes the record.
 */
export class MayAssistantDeploy {
  readonly repo: TempRepo;
  readonly state = mkdtempSync(join(tmpdir(), 'slipway-deploy-state-'));
  readonly staging = new HealthServer();
  readonly prod = new HealthServer();
  env: Record<string, string> = {};

  constructor() {
    this.repo = new TempRepo();
    cpSync(EXAMPLE, this.repo.dir, { recursive: true });
    rmSync(join(this.repo.dir, 'infrastructure/LAST_PROD_DEPLOY.json'));
    const policy = join(this.repo.dir, 'slipway.yaml');
    writeFileSync(policy, `${readFileSync(policy, 'utf8').trimEnd()}\n${ENVIRONMENTS}`);
    writeFileSync(join(this.repo.dir, 'infrastructure/scripts/deploy.sh'), DEPLOY_SCRIPT);
    this.repo.commit('MayAssistant with staging and production');
  }

  async start(): Promise<this> {
    const [s, p] = await Promise.all([this.staging.start(), this.prod.start()]);
    this.staging.stateFile = join(this.state, 'staging.current');
    this.prod.stateFile = join(this.state, 'production.current');
    this.env = standInEnv(s, p, this.state);
    return this;
  }

  /** Deploys wait (the script loops) while held: a test cancels one under way. */
  hold(on: boolean): void {
    const file = join(this.state, 'hold');
    if (on) writeFileSync(file, '');
    else rmSync(file, { force: true });
  }

  /** Lines "action env sha" the deploy script was asked to do, in order. */
  requests(): string[] {
    try {
      return readFileSync(join(this.state, 'requests.log'), 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  record(): Record<string, unknown> | undefined {
    try {
      return JSON.parse(readFileSync(join(this.repo.dir, 'infrastructure/LAST_PROD_DEPLOY.json'), 'utf8'));
    } catch {
      return undefined;
    }
  }

  auditLines(): Record<string, unknown>[] {
    let text = '';
    try {
      text = readFileSync(join(this.repo.dir, 'infrastructure/deploy-audit.jsonl'), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.staging.stop(), this.prod.stop()]);
    this.repo.dispose();
    rmSync(this.state, { recursive: true, force: true });
  }
}
