import {
  type AuditEvent,
  formatAuditLine,
  GENESIS_HASH,
  MemoryRepo,
  parsePolicyText,
  sha256Hex,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { missingRecordPinFindings } from '../../../src/rules/deploy-record/REC007-lost-pin.js';
import { deployRecordFamily } from '../../../src/rules/families.js';

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** A chained log of these events, and the hash of its last line (the record's audit_head). */
function log(events: Partial<AuditEvent>[]): { text: string; head: string } {
  let prev = GENESIS_HASH;
  let text = '';
  for (const e of events) {
    const line = formatAuditLine({
      v: 1,
      time: '2026-01-09T10:00:00Z',
      event: 'SYSTEM_CORRECTION_EVENT',
      environment: 'production',
      from: B,
      to: A,
      actor: { name: 'ada', kind: 'human' },
      reason: 'errors after b',
      outcome: 'succeeded',
      ...e,
      prev,
    });
    text += `${line}\n`;
    prev = sha256Hex(line);
  }
  return { text, head: prev };
}

function policy() {
  const parsed = parsePolicyText(`version: 1\ndeploy:\n  record: ${REC}\n  audit_log: ${LOG}\n`);
  if (!parsed.document) throw new Error('policy');
  return parsed.document;
}

function check(events: Partial<AuditEvent>[], record: Record<string, unknown> | null) {
  const l = log(events);
  const files: Record<string, string> = { [LOG]: l.text };
  // null: the record file is gone altogether.
  if (record)
    files[REC] =
      `${JSON.stringify({ last_good_sha: A, deployed_at: '2026-01-09T10:00:00Z', ...record, audit_head: l.head }, null, 2)}\n`;
  return deployRecordFamily
    .check({
      policy: policy(),
      repo: new MemoryRepo(files),
      now: new Date('2026-01-10T00:00:00Z'),
      env: {},
    })
    .findings.filter((f) => f.rule === 'REC007');
}

const pinning = { pin: true };
const unpin = { event: 'UNPIN' as const, to: null, from: A, reason: 'fixed' };

describe('REC007: the record lost the pin the audit log records', () => {
  it('flags a record without pinned after a pinning rollback, at last_good_sha, related to the log line', () => {
    const f = check([{ event: 'PROMOTE', from: null, to: B, reason: 'ship' }, pinning], {});
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'error',
      file: REC,
      range: { start: { line: 1 } },
      related: [{ file: LOG, range: { start: { line: 1 } } }],
    });
    expect(f[0]?.message).toBe(
      `The record is not pinned, but the audit log says production is pinned to ${A.slice(0, 12)} by a rollback at 2026-01-09T10:00:00Z (errors after b) and no UNPIN followed: the record lost its pin (hand edit?); a human must run \`slipway unpin --reason\`.`,
    );
  });

  it('points at pinned when the edit set it to false', () => {
    const f = check([pinning], { pinned: false });
    expect(f).toMatchObject([{ range: { start: { line: 3 } } }]);
  });

  it('near misses: pinned record, an UNPIN after the pin, an automatic rollback, an old log without pin', () => {
    expect(check([pinning], { pinned: true, pinned_reason: 'errors after b' })).toEqual([]);
    expect(check([pinning, unpin], {})).toEqual([]);
    expect(check([{ pin: false, reason: 'automatic: promote failed' }], {})).toEqual([]);
    expect(check([{ reason: 'rolled back before pin was logged' }], {})).toEqual([]);
    // A refused UNPIN does not clear the pin.
    expect(check([pinning, { ...unpin, outcome: 'refused' }], {})).toHaveLength(1);
  });

  it('flags a deleted record while the log still pins, at the policy key; not once an UNPIN followed', () => {
    const f = check([pinning], null);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      file: 'slipway.yaml',
      related: [{ file: LOG, range: { start: { line: 0 } } }],
    });
    expect(f[0]?.message).toBe(
      `The deploy record ${REC} is missing, but the audit log says production is pinned to ${A.slice(0, 12)} by a rollback at 2026-01-09T10:00:00Z (errors after b) and no UNPIN followed; restore the record from git, and a human runs \`slipway unpin --reason\` if production may move again.`,
    );
    // At the policy's deploy.record value (line 3), the log's pinning line related with what it is.
    expect(f[0]?.range).toEqual({ start: { line: 2, character: 10 }, end: { line: 2, character: 46 } });
    expect(f[0]?.related?.[0]?.message).toBe('the rollback that pinned production');
    expect(check([pinning, unpin], null)).toEqual([]);
    expect(check([{ pin: false }], null)).toEqual([]);
  });

  it('says "no reason" where the pinning rollback logged none, whether the record is there or gone', () => {
    const bare = { pin: true, reason: undefined };
    expect(check([bare], {})[0]?.message).toContain('by a rollback at 2026-01-09T10:00:00Z (no reason) and');
    expect(check([bare], null)[0]?.message).toContain(
      'by a rollback at 2026-01-09T10:00:00Z (no reason) and',
    );
  });

  it('near miss: asked directly, the missing-record check says nothing while the record is there', () => {
    const files = { [LOG]: log([pinning]).text };
    const ctx = (f: Record<string, string>) => ({
      policy: policy(),
      repo: new MemoryRepo(f),
      now: new Date('2026-01-10T00:00:00Z'),
      env: {},
    });
    expect(missingRecordPinFindings(ctx(files))).toHaveLength(1);
    expect(missingRecordPinFindings(ctx({ ...files, [REC]: '{}' }))).toEqual([]);
  });
});
