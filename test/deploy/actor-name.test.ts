import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentDeployFixture } from './helpers/agent-fixture.js';
import { shipped } from './helpers/prepared-fixture.js';

/** No git name and no $USER: nothing says who this is (git would guess from the account). */
const NOBODY = {
  GIT_AUTHOR_NAME: undefined,
  GIT_AUTHOR_EMAIL: undefined,
  GIT_COMMITTER_NAME: undefined,
  GIT_COMMITTER_EMAIL: undefined,
  USER: undefined,
  USERNAME: undefined,
};

/**
 * The name Slipway records for a person is the one git would put on their commit (GIT_AUTHOR_NAME,
 * author.name, user.name), else $USER. With none of those it records no made-up name ("unknown"):
 * it asks for --approved-by NAME.
 */
describe('who a human actor is', () => {
  let f: AgentDeployFixture;
  let sha1 = '';

  beforeAll(async () => {
    ({ f, v1: sha1 } = await shipped(['production'], () => new AgentDeployFixture()));
  });
  afterAll(() => f.dispose());

  it('records GIT_AUTHOR_NAME, as git would for a commit', async () => {
    const r = await f.cli('promote', '--env', 'staging');
    expect(r.code, r.stderr).toBe(0);
    expect(f.auditLines().at(-1)?.actor).toEqual({ name: 'Dev Human', kind: 'human' });
  });

  it('with no git name and no $USER, a rollback with --yes is refused in one line and nothing is logged', async () => {
    const [record, log, requests] = [
      f.read('infrastructure/LAST_PROD_DEPLOY.json'),
      f.auditLines(),
      f.requests(),
    ];
    for (const args of [['--yes'], []]) {
      const r = await f.cliWith(NOBODY, 'rollback', '--reason', 'errors', ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('pass --approved-by NAME');
      expect(r.stderr).not.toContain('unknown');
    }
    expect([f.read('infrastructure/LAST_PROD_DEPLOY.json'), f.auditLines(), f.requests()]).toEqual([
      record,
      log,
      requests,
    ]);
    // A dry run records nothing, so it needs no name.
    const dry = await f.cliWith(NOBODY, 'rollback', '--reason', 'errors', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
  });

  it('with no git name and no $USER, --approved-by NAME is recorded', async () => {
    const r = await f.cliWith(
      NOBODY,
      'rollback',
      '--reason',
      'errors',
      '--yes',
      '--approved-by',
      'Ada Approver',
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, actor: { name: 'Ada Approver', kind: 'human' } });
    expect(JSON.stringify(f.auditLines())).not.toContain('unknown');
  });

  it('falls back to git config user.name, then to $USER', async () => {
    f.repo.git('config', 'user.name', 'Config Person');
    const named = await f.cliWith({ ...NOBODY }, 'unpin', '--reason', 'ok', '--yes');
    expect(named.code, named.stderr).toBe(0);
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'UNPIN', actor: { name: 'Config Person' } });
    f.repo.git('config', '--unset', 'user.name');
    const r = await f.cliWith({ ...NOBODY, USER: 'login-name' }, 'promote', '--env', 'staging');
    expect(r.code, r.stderr).toBe(0);
    expect(f.auditLines().at(-1)?.actor).toEqual({ name: 'login-name', kind: 'human' });
  });
});
