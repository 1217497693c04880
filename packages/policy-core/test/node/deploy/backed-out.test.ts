import type { DeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { backedOutOf, defaultRollbackTarget, nextRecord } from '../../../src/deploy/flow/record-update.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');
const ada = { name: 'ada', kind: 'human' as const };
const HEAD = 'f'.repeat(64);
let day = 0;

function step(
  old: DeployRecord | undefined,
  n: number,
  event: 'PROMOTE' | 'SYSTEM_CORRECTION_EVENT',
  reason?: string,
) {
  day++;
  return nextRecord({
    ...(old ? { old } : {}),
    sha: sha(n),
    at: `2026-02-${String(day).padStart(2, '0')}T00:00:00Z`,
    environment: 'production',
    event,
    actor: ada,
    ...(reason ? { reason } : {}),
    auditHead: HEAD,
    historyLimit: 50,
  });
}

describe('backedOutOf: a SHA a rollback replaced, until a promote ships it again', () => {
  it('names the rollback that backed out of it, from the record or from history', () => {
    const r = step(
      step(step(undefined, 1, 'PROMOTE'), 2, 'PROMOTE'),
      1,
      'SYSTEM_CORRECTION_EVENT',
      'v2 corrupts data',
    );
    expect(backedOutOf(r, sha(2))).toEqual({ at: r.deployed_at, actor: ada, reason: 'v2 corrupts data' });
    expect(backedOutOf(r, sha(1))).toBeUndefined();
    const later = step(r, 3, 'PROMOTE');
    expect(backedOutOf(later, sha(2))).toEqual({ at: r.deployed_at, actor: ada, reason: 'v2 corrupts data' });
    expect(defaultRollbackTarget(later)).toBe(sha(1));
  });

  it('a later promote of the same SHA makes it a good deploy again', () => {
    let r = step(step(step(undefined, 1, 'PROMOTE'), 2, 'PROMOTE'), 1, 'SYSTEM_CORRECTION_EVENT', 'bad');
    r = step(step(r, 2, 'PROMOTE'), 3, 'PROMOTE');
    expect(backedOutOf(r, sha(2))).toBeUndefined();
    expect(defaultRollbackTarget(r)).toBe(sha(2));
  });

  it('redeploying what runs (rollback --to last_good_sha) backs out of nothing', () => {
    const r = step(
      step(step(undefined, 1, 'PROMOTE'), 2, 'PROMOTE'),
      2,
      'SYSTEM_CORRECTION_EVENT',
      'restart',
    );
    expect(r.rolled_back_from).toBeUndefined();
    expect(backedOutOf(r, sha(2))).toBeUndefined();
    // A record written before this rule (rolled_back_from equal to the SHA itself) reads the same.
    expect(backedOutOf({ ...r, rolled_back_from: sha(2) }, sha(2))).toBeUndefined();
    expect(defaultRollbackTarget(step(r, 3, 'PROMOTE'))).toBe(sha(2));
  });
});
