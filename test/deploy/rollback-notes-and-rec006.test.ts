import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const EXTRA = `migrations:
  alembic: alembic/versions
dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
`;

describe('what a rollback does not undo', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('lists Alembic revisions added since the target and lock files that differ', async () => {
    const yaml = f.read('slipway.yaml') ?? '';
    f.repo.write({
      'slipway.yaml': `${yaml.replace('deploy:\n', `${EXTRA}deploy:\n`)}`,
      'backend/requirements.txt': 'requests==2.31.0\n',
      'backend/requirements.lock': 'requests==2.31.0\n',
      'alembic/versions/1a_base.py': 'revision = "1a"\ndown_revision = None\n',
    });
    const v1 = f.repo.commit('v1');
    f.repo.write({
      'backend/requirements.txt': 'requests==2.32.3\n',
      'backend/requirements.lock': 'requests==2.32.3\n',
      'alembic/versions/2b_add_orders.py': 'revision = "2b"\ndown_revision = "1a"\n',
    });
    const v2 = f.repo.commit('v2');
    // A record as promote writes it: v2 live, v1 before it.
    f.repo.write({
      [RECORD]: JSON.stringify({
        last_good_sha: v2,
        deployed_at: '2026-01-02T00:00:00Z',
        previous_sha: v1,
        history: [{ event: 'PROMOTE', sha: v1, deployed_at: '2026-01-01T00:00:00Z' }],
      }),
    });
    const r = await runCli(['rollback', '--reason', 'orders broken', '--dry-run'], {
      cwd: f.repo.dir,
      env: f.env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rollback production from ${v2.slice(0, 12)} to ${v1}`);
    expect(r.stdout).toContain('not undone: 1 Alembic revision in alembic/versions added since');
    expect(r.stdout).toContain('    2b  alembic/versions/2b_add_orders.py\n');
    expect(r.stdout).toContain('    to undo them: `alembic downgrade 1a`');
    expect(r.stdout).toContain(
      `must match: backend/requirements.lock changes 1 package since ${v1.slice(0, 12)} (target → current; + added since, - removed since); the rollback must install ${v1.slice(0, 12)}'s version, which reverts them:\n    requests 2.31.0 → 2.32.3\n`,
    );
    expect(r.stdout).toContain('dry run: nothing was deployed or written');
    expect(f.requests()).toEqual([]);

    // The rollback itself keeps the same notes in its SYSTEM_CORRECTION_EVENT.
    const done = await runCli(['rollback', '--reason', 'orders broken', '--yes', '--approved-by', 'Ada'], {
      cwd: f.repo.dir,
      env: f.env,
    });
    expect(done.code, done.stdout + done.stderr).toBe(0);
    const last = f.auditLines().at(-1) as { event: string; outcome: string; details: string[] };
    expect(last).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'succeeded' });
    expect(last.details.some((d) => d.startsWith('not undone: 1 Alembic revision'))).toBe(true);
    expect(last.details.some((d) => d.includes('requests 2.31.0 → 2.32.3'))).toBe(true);
  });
});

describe('REC006 in slipway check', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('accepts a record committed by promote --commit and flags a hand edit', async () => {
    const base = f.repo.git('rev-parse', 'HEAD').trim();
    const env = f.env;
    expect((await runCli(['promote', '--env', 'staging'], { cwd: f.repo.dir, env })).code).toBe(0);
    const p = await runCli(['promote', '--env', 'production', '--yes', '--approved-by', 'Ada', '--commit'], {
      cwd: f.repo.dir,
      env,
    });
    expect(p.code).toBe(0);
    const afterPromote = f.repo.git('rev-parse', 'HEAD').trim();
    const clean = await runCli(
      ['check', '--base', base, '--head', afterPromote, '--rule', 'REC', '--format', 'json'],
      {
        cwd: f.repo.dir,
        env,
      },
    );
    expect(JSON.parse(clean.stdout).findings).toEqual([]);
    const rec = JSON.parse(f.read(RECORD) ?? '{}');
    f.repo.write({ [RECORD]: `${JSON.stringify({ ...rec, reason: 'edited by hand' }, null, 2)}\n` });
    const edited = f.repo.commit('tweak the record');
    const flagged = await runCli(
      ['check', '--base', afterPromote, '--head', edited, '--rule', 'REC', '--format', 'json'],
      {
        cwd: f.repo.dir,
        env,
      },
    );
    const findings = JSON.parse(flagged.stdout).findings as { rule: string; message: string }[];
    expect(findings.map((x) => x.rule)).toEqual(['REC006']);
    expect(findings[0]?.message).toContain(edited.slice(0, 12));
  });
});
