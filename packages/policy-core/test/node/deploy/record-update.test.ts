import { parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { formatRecord } from '../../../src/node/deploy/deploy-state.js';
import { defaultRollbackTarget, nextRecord } from '../../../src/deploy/flow/record-update.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');
const actor = { name: 'ada', kind: 'human' as const };
const HEAD = 'f'.repeat(64);

describe('nextRecord and defaultRollbackTarget', () => {
  it('keeps history newest first, bounded by history_limit, and writes a valid record', () => {
    let rec = nextRecord({
      sha: sha(1),
      at: '2026-01-01T00:00:00Z',
      environment: 'production',
      event: 'PROMOTE',
      actor,
      auditHead: HEAD,
      historyLimit: 3,
    });
    for (let i = 2; i <= 6; i++) {
      rec = nextRecord({
        old: rec,
        sha: sha(i),
        at: `2026-01-0${i}T00:00:00Z`,
        environment: 'production',
        event: 'PROMOTE',
        actor,
        auditHead: HEAD,
        historyLimit: 3,
      });
    }
    expect(rec.history?.map((h) => h.sha)).toEqual([sha(5), sha(4), sha(3)]);
    expect(rec.previous_sha).toBe(sha(5));
    expect(parseDeployRecord(formatRecord(rec)).problems).toEqual([]);
  });

  it('never returns to a SHA a rollback already backed out of', () => {
    const a = nextRecord({
      sha: sha(1),
      at: '2026-01-01T00:00:00Z',
      environment: 'production',
      event: 'PROMOTE',
      actor,
      auditHead: HEAD,
      historyLimit: 20,
    });
    const b = nextRecord({
      old: a,
      sha: sha(2),
      at: '2026-01-02T00:00:00Z',
      environment: 'production',
      event: 'PROMOTE',
      actor,
      auditHead: HEAD,
      historyLimit: 20,
    });
    expect(defaultRollbackTarget(b)).toBe(sha(1));
    const back = nextRecord({
      old: b,
      sha: sha(1),
      at: '2026-01-03T00:00:00Z',
      environment: 'production',
      event: 'SYSTEM_CORRECTION_EVENT',
      actor,
      reason: 'bad',
      pinned: { reason: 'bad' },
      auditHead: HEAD,
      historyLimit: 20,
    });
    expect(back).toMatchObject({ last_good_sha: sha(1), rolled_back_from: sha(2), pinned: true });
    // From sha(1), the only other recorded deploy is the one just backed out of: nothing to return to.
    expect(defaultRollbackTarget(back)).toBeUndefined();
    const c = nextRecord({
      old: back,
      sha: sha(3),
      at: '2026-01-04T00:00:00Z',
      environment: 'production',
      event: 'PROMOTE',
      actor,
      auditHead: HEAD,
      historyLimit: 20,
    });
    expect(defaultRollbackTarget(c)).toBe(sha(1));
  });
});
