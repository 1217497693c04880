import { MemoryRepo, parsePolicyText, sha256Hex } from '@slipway/policy-core';
import { logText as join, sameEvents } from './chained-lines.js';

const lines = (n: number) => sameEvents(n, { event: 'SYSTEM_CORRECTION_EVENT' });
import { describe, expect, it } from 'vitest';
import { auditLogFamily } from '../../../src/rules/families.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
const REC = 'infrastructure/LAST_PROD_DEPLOY.json';

function check(log: string | undefined, head?: string) {
  const doc = parsePolicyText('version: 1\ndeploy: {}\n').document;
  if (!doc) throw new Error('policy');
  const files: Record<string, string> = {};
  if (log !== undefined) files[LOG] = log;
  files[REC] = JSON.stringify({
    last_good_sha: 'b'.repeat(40),
    deployed_at: '2026-01-09T10:00:00Z',
    ...(head ? { audit_head: head } : {}),
  });
  return auditLogFamily.check({ policy: doc, repo: new MemoryRepo(files), now: new Date(), env: {} })
    .findings;
}

describe('AUD001–AUD003', () => {
  const ls = lines(4);
  const head = sha256Hex(ls[3] as string);

  it('is silent on an intact log whose head the record names', () => {
    expect(check(join(ls), head)).toEqual([]);
  });

  it('AUD001 reports a torn last line at that line', () => {
    const f = check(`${join(ls)}{"v":1,"time":"20`, head);
    expect(f).toMatchObject([{ rule: 'AUD001', file: LOG, range: { start: { line: 4 } } }]);
    expect(f[0]?.message).toContain('cut off');
  });

  it('AUD002 points at the prev value of the entry after a deleted one', () => {
    const f = check(join([ls[0], ls[2], ls[3]] as string[]), head);
    expect(f).toHaveLength(1);
    expect(f[0]?.rule).toBe('AUD002');
    const line1 = ls[2] as string;
    expect(f[0]?.range.start).toEqual({ line: 1, character: line1.indexOf('"prev":') + 7 });
  });

  it('AUD002 reports a truncated tail (and a deleted log) against the record head', () => {
    const f = check(join(ls.slice(0, 3)), head);
    expect(f).toMatchObject([{ rule: 'AUD002', related: [{ file: REC }] }]);
    expect(check(undefined, head)).toMatchObject([{ rule: 'AUD002' }]);
  });

  it('AUD003 warns about entries after the head', () => {
    expect(check(join(ls), sha256Hex(ls[1] as string))).toMatchObject([
      { rule: 'AUD003', severity: 'warning', range: { start: { line: 2 } } },
    ]);
  });
});
