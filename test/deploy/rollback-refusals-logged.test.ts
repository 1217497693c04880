import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

/** Bad input gets a clear message, the record untouched, and the outcome logged: every refusal. */
describe('rollback refusals under the lock are logged like the others', () => {
  let f: DeployFixture;
  let sha1 = '';

  beforeAll(async () => {
    ({ f, v1: sha1 } = await shipped());
  });
  afterAll(() => f.dispose());

  it('no earlier good deploy, and a --to that is not a recorded deploy: one line, exit 1, logged, chain intact', async () => {
    const other = await f.release('not-deployed', 'commit');
    for (const [args, detail] of [
      [[], `${RECORD} records no earlier good deploy to return to`],
      [['--to', other], `${other.slice(0, 12)} is not a recorded deploy`],
    ] as const) {
      const text = f.read(RECORD);
      const r = await f.cli('rollback', '--reason', 'try it', '--yes', ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(detail);
      expect(r.stderr).toContain('Nothing was rolled back (the refusal is logged).');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      const last = f.auditLines().at(-1);
      expect(last).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'refused', from: sha1 });
      expect(String((last as { details?: string[] }).details?.[0])).toContain(detail);
      // Only audit_head moved, sealing the refusal into the chain.
      expect({ ...f.record(), audit_head: undefined }).toEqual({
        ...JSON.parse(text ?? '{}'),
        audit_head: undefined,
      });
      const log = readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string);
      expect(log.issues).toEqual([]);
    }
  });

  it('with --commit the refusal is committed (a CI runner keeps nothing else)', async () => {
    f.repo.git('add', '-A');
    f.repo.git('commit', '-q', '-m', 'state so far');
    const r = await f.cli('rollback', '--reason', 'try it', '--yes', '--commit');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(the refusal is logged)');
    expect(f.repo.git('status', '--porcelain')).toBe('');
    const message = f.repo.git('log', '-1', '--format=%B');
    expect(message).toContain('slipway: rollback of production refused');
    expect(message).toContain('Slipway-Event: SYSTEM_CORRECTION_EVENT production refused');
  });
});
