import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_IDENTITY, AgentDeployFixture } from './helpers/agent-fixture.js';
import { APPROVE } from './helpers/deploy-repo.js';
import { startCliInPty } from './helpers/pty-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

/**
 * An actor is a human, an agent or CI, and a pin is cleared only by a human. A run whose
 * git identity (as git would put on a commit: GIT_AUTHOR_*, user.name/user.email) matches the
 * policy's agents.identities is an agent's: it may deploy where no approval is needed, never
 * approve anything itself, and never unpin.
 */
describe('an agent identity acts as kind "agent"', () => {
  let f: AgentDeployFixture;
  let sha1 = '';
  let sha2 = '';
  const chainIssues = () => readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues;
  const unchanged = () => [f.read(RECORD), f.read(LOG), f.requests()];

  beforeAll(async () => {
    ({ f, v1: sha1 } = await shipped([], () => new AgentDeployFixture()));
    f.repo.write({ 'app.txt': 'v2\n' });
    sha2 = f.repo.commit('v2');
  });
  afterAll(() => f.dispose());

  it('verifies on staging (no approval needed there) and is logged as an agent', async () => {
    const r = await f.asAgent('promote', '--env', 'staging');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'STAGING_VERIFIED',
      outcome: 'succeeded',
      to: sha2,
      actor: { name: 'helper[bot]', kind: 'agent' },
    });
  });

  it('cannot approve a production promote with --yes alone: one line, nothing runs', async () => {
    const before = unchanged();
    const r = await f.asAgent('promote', '--env', 'production', '--yes');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--approved-by NAME');
    expect(unchanged()).toEqual(before);
  });

  it('cannot name itself (or another agent identity) as the approver', async () => {
    const before = unchanged();
    for (const name of ['helper[bot]', 'HELPER[bot]', 'other[bot]@users.noreply.github.com']) {
      const r = await f.asAgent('promote', '--env', 'production', '--yes', '--approved-by', name);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stderr, name).toContain(
        `--approved-by ${name} names an agent (agents.identities, agents.accounts or a preset)`,
      );
    }
    expect(unchanged()).toEqual(before);
  });

  it('is not offered the prompt in a terminal: typing the SHA would be the agent approving', async () => {
    const before = unchanged();
    const run = startCliInPty(['promote', '--env', 'production'], {
      cwd: f.repo.dir,
      env: { ...f.env, ...AGENT_IDENTITY },
    });
    // Should the prompt appear, a wrong answer ends the run (instead of a hang until the timeout).
    run.waitFor('to approve: ').then(
      () => run.type('0000000'),
      () => {},
    );
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('to approve:');
    expect(r.stdout).toContain('--yes --approved-by NAME');
    expect(unchanged()).toEqual(before);
  });

  it('promotes with a human named by --approved-by: recorded as the agent, approved by that name', async () => {
    const r = await f.asAgent('promote', '--env', 'production', '--reason', 'v2', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()).toMatchObject({
      last_good_sha: sha2,
      actor: { name: 'helper[bot], approved by Ada Approver', kind: 'agent' },
    });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'PROMOTE',
      outcome: 'succeeded',
      actor: { name: 'helper[bot], approved by Ada Approver', kind: 'agent' },
    });
    expect(chainIssues()).toEqual([]);
  });

  it('cannot roll back on its own say-so: --approved-by NAME of a human is required', async () => {
    const before = unchanged();
    const r = await f.asAgent('rollback', '--reason', 'errors', '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('helper[bot] is an agent');
    expect(r.stderr).toContain('--approved-by NAME');
    expect(unchanged()).toEqual(before);
  });

  it('rolls back with a human named by --approved-by, and the pin is recorded as that decision', async () => {
    const r = await f.asAgent('rollback', '--reason', 'errors after v2', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()).toMatchObject({
      last_good_sha: sha1,
      pinned: true,
      actor: { name: 'helper[bot], approved by Ada Approver', kind: 'agent' },
    });
  });

  it('never unpins: not with --approved-by, not in a dry run, not when CI=true is set', async () => {
    const before = unchanged();
    for (const [extra, args] of [
      [{}, ['--yes', '--approved-by', 'Ada Approver']],
      [{}, ['--dry-run']],
      [{ CI: 'true', GITHUB_ACTIONS: 'true' }, ['--yes', '--approved-by', 'Ada Approver']],
    ] as const) {
      const r = await f.cliWith({ ...AGENT_IDENTITY, ...extra }, 'unpin', '--reason', 'fixed', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(
        'helper[bot] is an agent (agents.identities): an agent may not unpin production',
      );
    }
    expect(unchanged()).toEqual(before);
    expect(f.record()?.pinned).toBe(true);
  });

  it('a human unpins', async () => {
    const r = await f.cli('unpin', '--reason', 'v2 fixed', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()?.pinned).toBeUndefined();
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'UNPIN',
      outcome: 'succeeded',
      actor: { name: 'Dev Human', kind: 'human' },
    });
    expect(chainIssues()).toEqual([]);
  });

  it('a human cannot hand approval to an agent either', async () => {
    const log = f.read(LOG);
    // As a human's run sees it, only the policy's patterns say who is an agent (here: by e-mail).
    const r = await f.cli(
      'rollback',
      '--reason',
      'x',
      '--yes',
      '--approved-by',
      AGENT_IDENTITY.GIT_AUTHOR_EMAIL,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names an agent');
    expect(f.read(LOG)).toBe(log);
  });
});
