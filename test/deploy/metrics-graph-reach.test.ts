import * as writer from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { handComputedRepo, LOG } from './helpers/metrics-repo.js';

const HOUR = 3600;

/**
 * `slipway metrics` starts git on the SHAs of the audit log's tail, the latest deploys, while it
 * verifies the chain; a deployed commit they do not reach is asked of git after. The figures are
 * those of the whole graph either way.
 */
describe('slipway metrics: the commits the log deployed, reached or not from its tail', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = handComputedRepo(writer);
  });
  afterAll(() => repo.dispose());

  it("knows a commit of an abandoned branch deployed long before the log's tail: the second git log finds it", () => {
    const side = new TempRepo({}, repo);
    try {
      side.git('checkout', '-q', '-b', 'side');
      side.write({ 's.txt': 'side' });
      side.git('add', '-A');
      side.git('commit', '-q', '--date', '2026-03-11T09:00:00Z', '-m', 'side work');
      const abandoned = side.git('rev-parse', 'HEAD').trim();
      side.git('checkout', '-q', '-');
      side.git('branch', '-q', '-D', 'side');
      const c3 = side.git('rev-parse', 'HEAD').trim();
      const state = writer.readDeployState(side.dir, { record: 'x.json', audit_log: LOG } as never);
      const staging = (time: string, from: string | null, to: string) =>
        writer.appendEvent(state, {
          time,
          event: 'STAGING_VERIFIED',
          environment: 'staging',
          from,
          to,
          actor: { name: 'Dev Human', kind: 'human' },
          outcome: 'succeeded',
        });
      staging('2026-03-11T10:00:00Z', null, abandoned);
      staging('2026-03-11T11:00:00Z', abandoned, c3);
      // Redeploys of c3, more than the 64 KiB tail git is first started on holds.
      for (let i = 0; i < 300; i++) staging(`2026-03-12T${String(i % 24).padStart(2, '0')}:00:00Z`, c3, c3);
      const m = JSON.parse(
        slipway(['metrics', '--format', 'json', '--env', 'staging'], { cwd: side.dir }).stdout,
      );
      expect(m.notes).toEqual([]);
      // The abandoned commit's deploy: staging ran nothing before, so its change is the whole
      // history to it, c1 (2026-03-02 08:00) first, Claude's c2 in it.
      const total = m.environments[0].total;
      expect([total.all.deploys, total.agents.claude?.deploys, total.unknown.deploys]).toEqual([302, 1, 0]);
      expect(total.all.leadTime).toMatchObject({
        count: 1,
        medianSeconds: 9 * 24 * HOUR + 2 * HOUR,
        unknown: 0,
      });
    } finally {
      side.dispose();
    }
  });
});
