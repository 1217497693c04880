import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture, policyYaml } from './helpers/deploy-repo.js';

// An environment whose promotes the policy lets skip the guard (a preview that holds no data).
const PREVIEW = `    preview:
      url: "\${STAGING_URL}"
      health: [/api/health/]
      deploy: [sh, infrastructure/scripts/deploy.sh]
      guard: false
`;
const MIGRATIONS = 'migrations:\n  sql: ["db/migrations/*.sql"]\n';

/**
 * The deploy guard on every environment: a promote to staging runs it as production's does, so a
 * DROP TABLE reaches staging's database no more than production's; `guard: false` lets another
 * environment skip it, and each such promote's audit entry says so; production cannot.
 */
describe('the deploy guard on every environment', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture('', PREVIEW).start();
    f.repo.write({ 'slipway.yaml': `${policyYaml('', PREVIEW)}${MIGRATIONS}` });
    f.repo.commit('migrations');
    await f.ship();
  });
  afterAll(() => f.dispose());

  it('staging refuses a SHA the guard refuses, before its deploy command runs', async () => {
    f.repo.write({ 'db/migrations/0002_drop.sql': "SET lock_timeout = '5s';\nDROP TABLE orders;\n" });
    const sha = f.repo.commit('drop orders');
    const before = f.requests().length;
    const r = await f.cli('promote', sha, '--env', 'staging');
    expect(r.stdout).toMatch(/FAIL guard: MIG001 db\/migrations\/0002_drop\.sql:2 /);
    expect(r.code).toBe(1);
    expect(f.requests().slice(before)).toEqual([]);
  });

  it('near miss: an environment with guard: false deploys it, and its audit entry says the guard was skipped', async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    const r = await f.cli('promote', sha, '--env', 'preview');
    expect(r.stdout).toContain('ok   guard: skipped: deploy.environments.preview.guard is false');
    expect(r.code).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy preview ${sha}`);
    const entries = f.auditLines().filter((e) => e.environment === 'preview');
    expect(entries.map((e) => [e.outcome, e.details])).toEqual([
      ['started', ['guard skipped: deploy.environments.preview.guard is false']],
      ['succeeded', expect.arrayContaining(['guard skipped: deploy.environments.preview.guard is false'])],
    ]);
    // And the history a person reads says so beside each line.
    const history = (await f.cli('history', '--env', 'preview')).stdout;
    expect(history.match(/\n {4}guard skipped: deploy\.environments\.preview\.guard is false/g)).toHaveLength(
      2,
    );
  });

  it('production cannot be unguarded: guard: false there is refused in one line, nothing deployed', async () => {
    const policy = policyYaml('', PREVIEW).replace(
      '      approval: required\n',
      '      approval: required\n      guard: false\n',
    );
    f.repo.write({ 'slipway.yaml': `${policy}${MIGRATIONS}` });
    const before = f.requests().length;
    const r = await f.cli('promote', '--env', 'production', '--dry-run');
    expect(r.stderr).toMatch(
      /"production" is the production environment, which the deploy guard always protects/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(f.requests().length).toBe(before);
  });
});
