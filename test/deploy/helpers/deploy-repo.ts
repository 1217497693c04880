import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { IDENTITY, TempRepo } from '../../helpers/git-repo.js';
import { HealthServer } from './health-server.js';
import { runCli } from './run-cli.js';

/** A human's approval on the command line. */
export const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];

/**
 * The deploy script environments run: it records what it was asked to deploy (action,
 * environment, SHA) and its process id in logs, writes the SHA as "what runs now" for the health
 * server, notes that it got there (ended.log: a test waits for a script its killed CLI left
 * running), and can be slowed down or made to fail through variables the test sets.
 */
const DEPLOY_SCRIPT = `#!/bin/sh
set -e
echo "$$" >> "$DEPLOY_STATE/pids.log"
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/requests.log"
if [ -n "$DEPLOY_SLEEP" ]; then sleep "$DEPLOY_SLEEP"; fi
if [ -n "$DEPLOY_FAIL" ]; then echo "deploy failed on purpose" >&2; exit 3; fi
printf '%s\\n' "$SLIPWAY_SHA" > "$DEPLOY_STATE/$SLIPWAY_ENV.current"
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/ended.log"
echo "deployed $SLIPWAY_SHA to $SLIPWAY_ENV"
`;

export function policyYaml(extra = '', extraEnvironments = ''): string {
  return `version: 1
production_branch: main
deploy:
  record: infrastructure/LAST_PROD_DEPLOY.json
  audit_log: infrastructure/deploy-audit.jsonl
${extra}  environments:
    staging:
      url: "\${STAGING_URL}"
      health: [/api/health/, /api/health/db]
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 1
      health_backoff_ms: 20
      health_timeout_ms: 5000
      deploy_timeout_s: 20
    production:
      url: "\${PROD_URL}"
      health: [/health, /health/deep]
      expect_json_status: ok
      deploy: [sh, infrastructure/scripts/deploy.sh]
      health_retries: 1
      health_backoff_ms: 20
      health_timeout_ms: 5000
      deploy_timeout_s: 20
      approval: required
${extraEnvironments}`;
}

/** A repository with a policy, a deploy script, staging and production servers. */
export class DeployFixture {
  repo: TempRepo;
  state: string;
  staging = new HealthServer();
  prod = new HealthServer();
  env: Record<string, string> = {};

  constructor(policyExtra = '', extraEnvironments = '') {
    this.repo = new TempRepo({
      'slipway.yaml': policyYaml(policyExtra, extraEnvironments),
      'infrastructure/scripts/deploy.sh': DEPLOY_SCRIPT,
      'app.txt': 'v1\n',
    });
    this.repo.commit('initial');
    this.state = mkdtempSync(join(tmpdir(), 'slipway-deploy-state-'));
  }

  /**
   * A copy of this fixture, not started: its repository (history, working tree, record and log)
   * and its deploy state in new temp dirs, with servers of its own (prepared-fixture.ts copies a
   * template built once). The copy is of this class, with none of its constructor's steps run again.
   */
  copy(): this {
    const c = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(c, this, {
      repo: new TempRepo({}, this.repo),
      state: mkdtempSync(join(tmpdir(), 'slipway-deploy-state-')),
      staging: new HealthServer(),
      prod: new HealthServer(),
      env: {},
    });
    cpSync(this.state, c.state, { recursive: true });
    return c;
  }

  /** Its servers stopped, its folders kept (a template that is only copied from now on). */
  async stopServers(): Promise<void> {
    await Promise.all([this.staging.stop(), this.prod.stop()]);
  }

  async start(): Promise<this> {
    const [s, p] = await Promise.all([this.staging.start(), this.prod.start()]);
    this.staging.stateFile = join(this.state, 'staging.current');
    this.prod.stateFile = join(this.state, 'production.current');
    this.env = standInEnv(s, p, this.state);
    return this;
  }

  /** `slipway …` in this repository, with the servers' environment. */
  cli(...args: string[]) {
    return runCli(args, { cwd: this.repo.dir, env: this.env });
  }

  /**
   * Ships the checked-out commit: verified on staging, then (unless `upTo` is staging) promoted
   * to production with approval. Each step must succeed. Resolves to the commit's SHA.
   */
  async ship(upTo: 'staging' | 'production' = 'production'): Promise<string> {
    const sha = this.repo.git('rev-parse', 'HEAD').trim();
    expect((await this.cli('promote', '--env', 'staging')).code, `${sha} to staging`).toBe(0);
    if (upTo === 'production')
      expect(
        (await this.cli('promote', '--env', 'production', ...APPROVE)).code,
        `${sha} to production`,
      ).toBe(0);
    return sha;
  }

  /** Commits app.txt at `version` and ships it as far as `upTo` (`commit`: not at all). */
  async release(version: string, upTo: 'commit' | 'staging' | 'production' = 'production'): Promise<string> {
    this.repo.write({ 'app.txt': `${version}\n` });
    const sha = this.repo.commit(version);
    if (upTo !== 'commit') await this.ship(upTo);
    return sha;
  }

  /** Lines "action env sha" the deploy script was asked to do, in order. */
  requests(): string[] {
    return this.lines('requests.log');
  }

  /** Deploy scripts started that have not reached their end (one failed by DEPLOY_FAIL never does). */
  deploysUnderWay(): number {
    return this.requests().length - this.lines('ended.log').length;
  }

  /** Whether the last deploy script started still runs (its process exists and is no zombie). */
  deployRunning(): boolean {
    const pid = this.lines('pids.log').at(-1);
    if (pid === undefined) return false;
    try {
      return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  }

  private lines(name: string): string[] {
    try {
      return readFileSync(join(this.state, name), 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  read(path: string): string | undefined {
    try {
      return readFileSync(join(this.repo.dir, path), 'utf8');
    } catch {
      return undefined;
    }
  }

  record(): Record<string, unknown> | undefined {
    const t = this.read('infrastructure/LAST_PROD_DEPLOY.json');
    return t === undefined ? undefined : (JSON.parse(t) as Record<string, unknown>);
  }

  auditLines(): Record<string, unknown>[] {
    return (this.read('infrastructure/deploy-audit.jsonl') ?? '')
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return []; // a torn line: the tests that make one look at it through readAuditLog
        }
      });
  }

  async dispose(): Promise<void> {
    await Promise.all([this.staging.stop(), this.prod.stop()]);
    this.repo.dispose();
    rmSync(this.state, { recursive: true, force: true });
  }
}

/** What deploy scripts and git need in the tests: the stand-ins' URLs, their state folder, a human committer. */
export function standInEnv(stagingUrl: string, prodUrl: string, state: string): Record<string, string> {
  return {
    STAGING_URL: stagingUrl,
    PROD_URL: prodUrl,
    DEPLOY_STATE: state,
    ...IDENTITY,
  };
}
