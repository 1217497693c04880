import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';

/**
 * A deploy command that writes the record and the audit log without --commit says they are not
 * committed yet (the next promote from another clone would not know this one); with --commit, a
 * dry run, or JSON output it says nothing more.
 */
describe('the reminder to commit the record', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('after a promote without --commit: one line naming the files; none with --commit or --dry-run', async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    const staging = await f.cli('promote', '--env', 'staging');
    expect(staging.code, staging.stdout + staging.stderr).toBe(0);
    expect(staging.stdout).toContain(
      'not committed yet: infrastructure/LAST_PROD_DEPLOY.json and infrastructure/deploy-audit.jsonl; commit them',
    );
    f.repo.git('add', '-A');
    f.repo.git('commit', '-q', '-m', 'record');
    const dry = await f.cli('promote', sha, '--env', 'production', ...APPROVE, '--dry-run');
    expect(dry.stdout).not.toContain('not committed yet');
    const committed = await f.cli('promote', sha, '--env', 'production', ...APPROVE, '--commit');
    expect(committed.code, committed.stdout + committed.stderr).toBe(0);
    expect(committed.stdout).not.toContain('not committed yet');
    expect(f.repo.git('status', '--porcelain').trim()).toBe('');
  });
});
