import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

// `--format json` on the deploy commands (docs/deploy-json.md): one document on stdout that
// parses whole, progress on stderr, the same exit codes as text.
describe('deploy commands with --format json', () => {
  let f: DeployFixture;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    ({ f, v1, v2 } = await shipped(['staging']));
  });
  afterAll(() => f.dispose());

  const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

  it('promote --dry-run prints the plan: checks, approval with the short SHA, would proceed', async () => {
    const r = await f.cli('promote', '--env', 'production', '--dry-run', '--format', 'json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ command: 'promote', dryRun: true });
    expect(out.plan).toMatchObject({
      sha: v2,
      current: v1,
      approval: { required: true, expect: v2.slice(0, 7) },
      wouldProceed: true,
      pinned: null,
    });
    expect(out.plan.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['not pinned', 'on branch', 'verified on staging', 'guard']),
    );
    expect(r.stderr).toContain(`promote ${v2} to production`);
  });

  it('promote prints the result with the audit entries it appended', async () => {
    const r = await f.cli('promote', '--env', 'production', ...APPROVE, '--format', 'json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({
      command: 'promote',
      outcome: 'deployed',
      sha: v2,
      env: 'production',
      recordChanged: true,
    });
    expect(out.auditEntries.map((e: { outcome: string }) => e.outcome)).toEqual(['started', 'succeeded']);
    expect(out.record.last_good_sha).toBe(v2);
    expect(r.stderr).toContain(`  [production] deployed ${v2} to production`);
  });

  it('a promote that cannot be approved here exits 2 with the error as data (and one line on stderr)', async () => {
    const r = await f.cli('promote', '--env', 'production', '--format', 'json');
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toMatchObject({
      outcome: 'refused',
      error: { code: 'approval-unavailable', message: expect.stringContaining('needs approval') },
    });
    expect(r.stderr).toContain('slipway promote: promote');
  });

  it('rollback, history and unpin', async () => {
    const rb = await f.cli('rollback', '--reason', 'v2 is slow', ...APPROVE, '--format', 'json');
    expect(rb.code).toBe(0);
    expect(json(rb.stdout)).toMatchObject({
      command: 'rollback',
      outcome: 'rolled-back',
      from: v2,
      target: v1,
      pinned: true,
      correction: { event: 'SYSTEM_CORRECTION_EVENT', outcome: 'succeeded', to: v1, pin: true },
    });
    const h = await f.cli('history', '--format', 'json', '--limit', '2');
    expect(h.code).toBe(0);
    const hist = json(h.stdout);
    expect(hist.pin).toMatchObject({ source: 'record', sha: v1 });
    expect(hist.entries.map((e: { event: string; outcome: string }) => `${e.event} ${e.outcome}`)).toEqual([
      'SYSTEM_CORRECTION_EVENT started',
      'SYSTEM_CORRECTION_EVENT succeeded',
    ]);
    const up = await f.cli('unpin', '--reason', 'fixed', ...APPROVE, '--format', 'json');
    expect(up.code).toBe(0);
    expect(json(up.stdout)).toMatchObject({
      command: 'unpin',
      outcome: 'unpinned',
      sha: v1,
      pin: { sha: v1 },
    });
  });

  it('guard adds its verdict to the findings report', async () => {
    const r = await f.cli('guard', '--tree', '--format', 'json');
    const out = json(r.stdout);
    expect(out).toMatchObject({ version: 1, guard: { steps: ['check'], failures: [], skipped: [] } });
    expect(out.guard.blocked).toBe(r.code === 1);
    expect(typeof out.guard.countsByFamily).toBe('object');
  });

  it('an unknown --format is a usage error', async () => {
    const r = await f.cli('unpin', '--reason', 'x', '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be text or json');
  });
});
