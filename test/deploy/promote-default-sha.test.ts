import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';

/**
 * `slipway promote` without a SHA ships HEAD, but a record commit that `--commit` made is not a
 * release: the default steps past Slipway's own record commits to the code below them.
 */
describe('promote without a SHA', () => {
  const fixtures: DeployFixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((f) => f.dispose()));
  });
  const fixture = async () => {
    const f = await new DeployFixture().start();
    fixtures.push(f);
    return f;
  };

  it('ships the code commit below the record commits staging --commit made', async () => {
    const f = await fixture();
    const code = f.repo.git('rev-parse', 'HEAD').trim();
    expect((await f.cli('promote', '--env', 'staging', '--commit')).code).toBe(0);
    // Twice: two record commits on top of the code.
    expect((await f.cli('promote', '--env', 'staging', '--commit')).code).toBe(0);
    expect(f.repo.git('rev-parse', 'HEAD').trim()).not.toBe(code);

    const dry = await f.cli('promote', '--env', 'production', '--dry-run');
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`promote ${code} to production`);
    expect(dry.stdout).toMatch(
      /HEAD is the last of 2 record commits Slipway made; shipping the commit below them/,
    );

    const r = await f.cli('promote', '--env', 'production', ...APPROVE, '--commit');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()?.last_good_sha).toBe(code);
    expect(f.requests().at(-1)).toBe(`deploy production ${code}`);
  }, 60_000);

  it("a checkout whose deploy settings are not production's is refused before a word about the SHA", async () => {
    // Which SHA ships is read while the settings are checked; a refusal still comes alone.
    const f = await fixture();
    expect((await f.cli('promote', '--env', 'staging', '--commit')).code).toBe(0);
    f.repo.write({
      'slipway.yaml': (f.read('slipway.yaml') as string).replace(
        'deploy_timeout_s: 20',
        'deploy_timeout_s: 30',
      ),
    });
    const dry = await f.cli('promote', '--env', 'production', '--dry-run');
    expect(dry.code, dry.stdout + dry.stderr).toBe(2);
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toContain('deploy_timeout_s is 30 here, 20 on main');
  }, 60_000);

  it('does not step past a hand edit of the record, a trailer on a code change, or an explicit SHA', async () => {
    const f = await fixture();
    expect((await f.cli('promote', '--env', 'staging', '--commit')).code).toBe(0);
    const recordCommit = f.repo.git('rev-parse', 'HEAD').trim();

    // An explicit SHA is taken as given, record commit or not.
    let dry = await f.cli('promote', recordCommit, '--env', 'production', '--dry-run');
    expect(dry.stdout).toContain(`promote ${recordCommit} to production`);
    expect(dry.stdout).not.toMatch(/record commit/);

    // A trailer on a commit that also changes code: that commit is a release.
    f.repo.write({ 'app.txt': 'v2\n' });
    f.repo.git('add', '-A');
    f.repo.git('commit', '-q', '-m', 'v2\n\nSlipway-Event: PROMOTE production x');
    const v2 = f.repo.git('rev-parse', 'HEAD').trim();
    dry = await f.cli('promote', '--env', 'staging', '--dry-run');
    expect(dry.stdout).toContain(`promote ${v2} to staging`);

    // A record edit without the trailer: a person's commit, not Slipway's.
    f.repo.write({
      'infrastructure/deploy-audit.jsonl': `${f.read('infrastructure/deploy-audit.jsonl')}` + '\n',
    });
    const hand = f.repo.commit('tidy the log');
    dry = await f.cli('promote', '--env', 'staging', '--dry-run');
    expect(dry.stdout).toContain(`promote ${hand} to staging`);
  }, 60_000);
});
