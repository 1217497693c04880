import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCliProcess } from './helpers/run-cli.js';

const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];
const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

// Extra environments whose deploy command or health endpoint misbehaves.
const EXTRA = `    missing-cmd:
      deploy: [/nonexistent/railway-deploy, --service, app]
    hangs:
      deploy: [sleep, "60"]
      deploy_timeout_s: 1
    loops:
      url: "\${STAGING_URL}"
      health: [/self]
      health_retries: 0
    error-body:
      url: "\${STAGING_URL}"
      health: [{ path: /err, expect_json_status: ok }]
      health_retries: 0
`;

describe('bad input: one clear line, the record untouched, the outcome logged', () => {
  let f: DeployFixture;
  const cli = (...args: string[]) => runCliProcess(args, { cwd: f.repo.dir, env: f.env });
  let sha1 = '';

  beforeAll(async () => {
    f = await new DeployFixture('', EXTRA).start();
    f.staging.modes.set('/self', 'redirect-loop');
    f.staging.modes.set('/err', 'error-body');
    sha1 = f.repo.git('rev-parse', 'HEAD').trim();
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    expect((await cli('promote', '--env', 'production', ...APPROVE)).code).toBe(0);
  });
  afterAll(() => f.dispose());

  const lastEntry = () => f.auditLines().at(-1);

  it('an unknown environment names the policy line and the known ones', async () => {
    const r = await cli('promote', '--env', 'prod');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'slipway promote: slipway.yaml:6: unknown environment "prod"; the policy defines "staging", "production", "missing-cmd", "hangs", "loops", "error-body".',
    );
  });

  it('a deploy command that does not exist: refused before anything runs, naming the policy line', async () => {
    const before = f.read(RECORD);
    const dry = await cli('promote', '--env', 'missing-cmd', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(
      'FAIL deploy command: slipway.yaml:26: /nonexistent/railway-deploy does not exist; fix deploy: before promoting',
    );
    const r = await cli('promote', '--env', 'missing-cmd');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/refused: deploy command; nothing was deployed/);
    expect(lastEntry()).toMatchObject({
      event: 'GUARD_FAILED',
      environment: 'missing-cmd',
      outcome: 'refused',
    });
    const after = JSON.parse(f.read(RECORD) ?? '{}');
    expect({ ...after, audit_head: 0 }).toEqual({ ...JSON.parse(before ?? '{}'), audit_head: 0 });
  });

  it.each([
    ['hangs', 'sleep timed out after 1 s and was killed'],
    ['loops', 'redirect loop at'],
    ['error-body', 'HTTP 200 but JSON status is "error" (expected "ok")'],
  ])('%s: the promote fails with a clear reason and logs it', async (env, reason) => {
    const before = f.read(RECORD);
    const r = await cli('promote', '--env', env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(reason);
    expect(r.stderr).toBe('');
    expect(lastEntry()).toMatchObject({ event: 'STAGING_VERIFIED', environment: env, outcome: 'failed' });
    expect(JSON.stringify(lastEntry()?.details)).toContain(reason.replace(/"/g, '\\"'));
    const after = JSON.parse(f.read(RECORD) ?? '{}');
    expect({ ...after, audit_head: 0 }).toEqual({ ...JSON.parse(before ?? '{}'), audit_head: 0 });
  });

  it('a torn last audit line: promote is refused and logged, the line kept, until a person deletes it', async () => {
    const text = f.read(LOG) ?? '';
    f.repo.write({ [LOG]: `${text}{"v":1,"time":"2026-` });
    const before = f.read(RECORD);
    const r = await cli('promote', '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/warning: infrastructure\/deploy-audit.jsonl:\d+: the last line is cut off/);
    expect(r.stdout).toMatch(
      /FAIL audit log: infrastructure\/deploy-audit.jsonl:\d+: AUD001 .*delete the line/,
    );
    const record = JSON.parse(f.read(RECORD) ?? '{}');
    expect({ ...record, audit_head: 0 }).toEqual({ ...JSON.parse(before ?? '{}'), audit_head: 0 });
    const log = readAuditLog(f.read(LOG) ?? '', record.audit_head);
    // The refusal is chained past the (now closed) line, which stays for a person to see.
    expect(log.issues).toMatchObject([{ kind: 'malformed', torn: false }]);
    expect(log.entries.at(-1)?.event).toMatchObject({ event: 'GUARD_FAILED', outcome: 'refused' });
    // Still refused while the line is there; AUD001 keeps reporting it in `slipway check`.
    expect((await cli('promote', '--env', 'staging')).code).toBe(1);
    const check = await cli('check', '--tree', '--format', 'json');
    expect(JSON.parse(check.stdout).findings.map((x: { rule: string }) => x.rule)).toContain('AUD001');
    // Deleted, the chain is whole and promotes go on.
    const lines = (f.read(LOG) ?? '').split('\n');
    const bad = log.issues[0] && 'line' in log.issues[0] ? log.issues[0].line : -1;
    f.repo.write({ [LOG]: lines.filter((_, i) => i !== bad).join('\n') });
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    expect(readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues).toEqual([]);
  });

  it('a record that is not JSON: refused in one line naming file and line, record untouched, refusal logged', async () => {
    const broken = '{\n  "last_good_sha": "' + sha1 + '",\n  deployed_at: "2026-01-01T00:00:00Z"\n}\n';
    f.repo.write({ [RECORD]: broken });
    const r = await cli('promote', '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      'infrastructure/LAST_PROD_DEPLOY.json:3: REC001 The deploy record is not valid JSON',
    );
    expect(f.read(RECORD)).toBe(broken);
    expect(lastEntry()).toMatchObject({ event: 'GUARD_FAILED', outcome: 'refused' });
    const rb = await cli('rollback', '--reason', 'x', '--yes');
    expect(rb.code).toBe(1);
    expect(f.read(RECORD)).toBe(broken);
  });
});

describe('the production guard runs on the SHA tree, not the working directory', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('refuses a SHA whose committed tree fails the guard even when the working tree is clean', async () => {
    // The commit carries a hand-broken record (REC002); the working tree has none.
    f.repo.write({ [RECORD]: '{"last_good_sha": "abc123", "deployed_at": "2026-01-01T00:00:00Z"}\n' });
    const bad = f.repo.commit('broken record');
    f.repo.git('rm', '-q', RECORD);
    f.repo.commit('remove it again');
    const cli = (...args: string[]) => runCliProcess(args, { cwd: f.repo.dir, env: f.env });
    // Staging's promote runs the guard too: the broken record never reaches staging either.
    const staging = await cli('promote', bad, '--env', 'staging');
    expect(staging.stdout).toMatch(/FAIL guard: REC002 infrastructure\/LAST_PROD_DEPLOY.json:1/);
    expect(staging.code).toBe(1);
    const r = await cli('promote', bad, '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL guard: REC002 infrastructure\/LAST_PROD_DEPLOY.json:1/);
    expect(f.requests().filter((x) => x.startsWith('deploy production'))).toEqual([]);
    const head = f.repo.git('rev-parse', 'HEAD').trim();
    expect((await cli('promote', head, '--env', 'staging')).code).toBe(0);
    expect((await cli('promote', head, '--env', 'production', ...APPROVE)).code).toBe(0);
  });
});

describe('release_tag: no deployments to production from untagged commits', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture('  release_tag: "v*"\n').start();
  });
  afterAll(() => f.dispose());

  it('refuses an untagged SHA and promotes it once tagged', async () => {
    const cli = (...args: string[]) => runCliProcess(args, { cwd: f.repo.dir, env: f.env });
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    const r = await cli('promote', '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL release tag: no tag matching v\* points at [0-9a-f]{12}; tag the release/);
    expect(f.record()).toBeUndefined();
    f.repo.git('tag', 'v1.0.0');
    const ok = await cli('promote', '--env', 'production', ...APPROVE);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok   release tag: tagged v1.0.0');
  });
});
