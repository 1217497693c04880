import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks } from '../helpers/markdown-blocks.js';
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
    // A staging promote writes the log alone: the line names what was written.
    expect(staging.stdout).toContain(
      "not committed yet: infrastructure/deploy-audit.jsonl; commit them alone with Slipway's trailer",
    );
    // What the line says to run, run as a person would: the production promote trusts it.
    const files = ['infrastructure/deploy-audit.jsonl'];
    f.repo.git('add', ...files);
    f.repo.git('commit', '-q', '-m', 'deploy record', '--trailer', 'Slipway-Event: MANUAL', '--', ...files);
    const dry = await f.cli('promote', sha, '--env', 'production', ...APPROVE, '--dry-run');
    expect(dry.stdout).not.toContain('not committed yet');
    const committed = await f.cli('promote', sha, '--env', 'production', ...APPROVE, '--commit');
    expect(committed.code, committed.stdout + committed.stderr).toBe(0);
    expect(committed.stdout).not.toContain('not committed yet');
    expect(f.repo.git('status', '--porcelain').trim()).toBe('');
  });
});

describe('the reminder after a rollback, with the record and the log already tracked', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
  const LOG = 'infrastructure/deploy-audit.jsonl';
  const ship = async () => {
    for (const args of [
      ['--env', 'staging'],
      ['--env', 'production', ...APPROVE],
    ]) {
      const r = await f.cli('promote', ...args, '--commit');
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
  };

  it('modified, not untracked: the same line, word for word as docs/guides/deploy.md shows it', async () => {
    await ship();
    f.repo.write({ 'app.txt': 'v2\n' });
    f.repo.commit('v2');
    await ship();
    expect(f.repo.git('status', '--porcelain', '--', RECORD, LOG)).toBe('');

    const r = await f.cli('rollback', '--reason', 'v2 is broken', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const status = f.repo.git('status', '--porcelain', '--', RECORD, LOG);
    expect(status.split('\n').filter(Boolean).sort()).toEqual([` M ${RECORD}`, ` M ${LOG}`].sort());
    const hints = r.stdout.split('\n').filter((l) => l.startsWith('not committed yet'));
    const guide = readFileSync(new URL('../../docs/guides/deploy.md', import.meta.url), 'utf8');
    const shown = fencedBlocks(guide).filter(
      (b) => b.lang === 'text' && b.text.startsWith('not committed yet'),
    );
    expect(hints).toEqual(shown.map((b) => b.text.trim()));
    expect(hints).toHaveLength(1);
  });

  it('with --format json: stdout is the result alone, and no reminder on stderr either', async () => {
    f.repo.git('add', RECORD, LOG);
    f.repo.git('commit', '-q', '-m', 'the rollback');
    const r = await f.cli('unpin', '--reason', 'fixed on staging', '--yes', '--format', 'json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'unpin' });
    expect(f.repo.git('status', '--porcelain', '--', RECORD, LOG)).not.toBe('');
    expect(r.stdout + r.stderr).not.toContain('not committed yet');
  });
});
