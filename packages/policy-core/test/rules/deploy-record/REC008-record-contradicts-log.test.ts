import { promoteLine } from '../../deploy/audit-entries.js';
import { type AuditEvent, GENESIS_HASH, MemoryRepo, parsePolicyText, sha256Hex } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { deployRecordFamily } from '../../../src/rules/families.js';
import { recordContradictsLog } from '../../../src/rules/deploy-record/REC008-record-contradicts-log.js';
import { readRecordFacts } from '../../../src/rules/deploy-record/facts/record-facts.js';

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

type Ev = Partial<AuditEvent>;

/** The chained log of these events and each line's hash. */
function log(events: Ev[]): { text: string; hashes: string[] } {
  let prev = GENESIS_HASH;
  let text = '';
  const hashes: string[] = [];
  events.forEach((e, i) => {
    const line = promoteLine({ time: `2026-01-09T10:${String(i).padStart(2, '0')}:00Z`, ...e, prev });
    text += `${line}\n`;
    prev = sha256Hex(line);
    hashes.push(prev);
  });
  return { text, hashes };
}

interface Options {
  /** Index of the entry the record's audit_head names (default: the last; null: no audit_head). */
  headAt?: number | null;
  policy?: string;
  noLog?: boolean;
  /**
   * The record at the change's base names the entry at this index as audit_head (null: a record
   * with none; 'none': no record at base). Absent: no change, nothing at base is read.
   */
  baseHeadAt?: number | null | 'none';
  /** The record was renamed to REC in the change, from this path at base. */
  renamedFrom?: string;
}

const BASE_SHA = 'f0'.repeat(20);

function check(events: Ev[], record: Record<string, unknown>, o: Options = {}) {
  const parsed = parsePolicyText(o.policy ?? `version: 1\ndeploy:\n  record: ${REC}\n  audit_log: ${LOG}\n`);
  if (!parsed.document) throw new Error('policy');
  const l = log(events);
  const at = o.headAt === undefined ? l.hashes.length - 1 : o.headAt;
  const head = at === null ? undefined : l.hashes[at];
  const files: Record<string, string> = {
    [REC]: `${JSON.stringify({ last_good_sha: A, deployed_at: '2026-01-09T10:00:00Z', ...(head ? { audit_head: head } : {}), ...record }, null, 2)}\n`,
  };
  if (!o.noLog) files[LOG] = l.text;
  const baseAt = o.baseHeadAt;
  const atBase = o.renamedFrom ?? REC;
  const baseRecord =
    baseAt === undefined || baseAt === 'none'
      ? undefined
      : `${JSON.stringify({ last_good_sha: A, deployed_at: '2026-01-09T10:00:00Z', ...(baseAt === null ? {} : { audit_head: l.hashes[baseAt] }) }, null, 2)}\n`;
  const change =
    baseAt === undefined
      ? undefined
      : {
          base: BASE_SHA,
          head: 'e0'.repeat(20),
          files: [
            o.renamedFrom
              ? { status: 'renamed' as const, path: REC, oldPath: o.renamedFrom }
              : { status: 'modified' as const, path: REC },
          ],
          commits: [],
          readBase: (path: string) => (path === atBase ? baseRecord : undefined),
        };
  const ctx = {
    policy: parsed.document,
    repo: new MemoryRepo(files),
    now: new Date('2026-01-10T00:00:00Z'),
    env: {},
    ...(change ? { change } : {}),
  };
  const facts = readRecordFacts(ctx);
  if (!facts) throw new Error('record');
  return recordContradictsLog.check({ ctx, record: facts, directory: false });
}

const promoteA: Ev = { to: A };
const promoteB: Ev = { from: A, to: B };
const rollbackToA: Ev = {
  event: 'SYSTEM_CORRECTION_EVENT',
  from: B,
  to: A,
  reason: 'errors after b',
  pin: true,
};
const unpin: Ev = { event: 'UNPIN', from: A, to: null, reason: 'fixed' };

describe('REC008: last_good_sha contradicts the audit log', () => {
  it('flags a hand-edited SHA at last_good_sha, naming what the log says runs and since when', () => {
    const f = check([promoteA], { last_good_sha: C });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      rule: 'REC008',
      severity: 'error',
      file: REC,
      range: { start: { line: 1 } },
      related: [
        {
          file: LOG,
          range: { start: { line: 0 } },
          message: 'the entry that put aaaaaaaaaaaa on production',
        },
      ],
    });
    expect(f[0]?.message).toContain(
      `last_good_sha is cccccccccccc, but the audit log says production runs aaaaaaaaaaaa since a promote by ada at 2026-01-09T10:00:00Z (audit log line 1)`,
    );
    expect(f[0]?.message).toContain('slipway promote');
  });

  it('flags a record that keeps a SHA a rollback replaced', () => {
    expect(check([promoteA, promoteB, rollbackToA], { last_good_sha: B, pinned: true })).toHaveLength(1);
  });

  it('near misses: what promote, rollback, unpin and the automatic rollback write', () => {
    expect(check([promoteA], {})).toEqual([]);
    expect(check([promoteA, promoteB], { last_good_sha: B })).toEqual([]);
    expect(check([promoteA, promoteB, rollbackToA], { pinned: true, pinned_reason: 'x' })).toEqual([]);
    expect(check([promoteA, promoteB, rollbackToA, unpin], {})).toEqual([]);
    // A failed promote of B and the automatic rollback to A: the record was never rewritten.
    const failed: Ev[] = [
      promoteA,
      { ...promoteB, outcome: 'started' },
      { ...promoteB, outcome: 'failed' },
      { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A, pin: false, outcome: 'started' },
      { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A, pin: false },
    ];
    expect(check(failed, {})).toEqual([]);
    // A rollback that failed leaves the record naming what it named.
    expect(check([promoteA, promoteB, { ...rollbackToA, outcome: 'failed' }], { last_good_sha: B })).toEqual(
      [],
    );
    // Staging entries and refusals say nothing about production.
    expect(
      check([promoteA, { environment: 'staging', to: B }, { ...promoteB, outcome: 'refused' }], {}),
    ).toEqual([]);
  });

  it('takes a break-glass line as neither a deploy nor a pin: it names the SHA it lets through, which may then fail', () => {
    const breakGlass: Ev = { event: 'BREAK_GLASS', from: A, to: B, details: ['window overridden'] };
    // The promote of B it let through failed: production still runs A, and the record says so.
    expect(check([promoteA, breakGlass, { ...promoteB, outcome: 'failed' }], {})).toEqual([]);
    // After an UNPIN, a break-glass line does not stand for a pinning rollback.
    const unpinned: Ev[] = [
      promoteA,
      promoteB,
      rollbackToA,
      unpin,
      breakGlass,
      { ...promoteB, outcome: 'failed' },
    ];
    expect(check(unpinned, { pinned: true, pinned_reason: 'hold' })).toMatchObject([
      { message: expect.stringContaining('not pinned since an UNPIN') },
    ]);
  });

  it('reads the log only up to audit_head: later entries are an interrupted command (AUD003)', () => {
    expect(check([promoteA, promoteB], {}, { headAt: 0 })).toEqual([]);
    expect(check([promoteA, promoteB], { last_good_sha: B }, { headAt: 0 })).toHaveLength(1);
  });

  it('is silent without a log, an audit_head, a head the log has, or any production entry', () => {
    expect(check([promoteA], { last_good_sha: C }, { noLog: true })).toEqual([]);
    expect(check([promoteA], { last_good_sha: C }, { headAt: null })).toEqual([]);
    expect(check([promoteA], { last_good_sha: C, audit_head: 'e'.repeat(64) })).toEqual([]);
    expect(
      check([{ environment: 'staging', event: 'STAGING_VERIFIED', to: B }], { last_good_sha: C }),
    ).toEqual([]);
  });

  it('still checks a record with an unrelated schema problem, and a renamed production environment', () => {
    expect(check([promoteA], { last_good_sha: C, extra: 1 })).toHaveLength(1);
    const policy = `version: 1\ndeploy:\n  record: ${REC}\n  audit_log: ${LOG}\n  production: live\n`;
    expect(check([promoteA], { last_good_sha: C }, { policy })).toEqual([]);
    expect(check([{ ...promoteA, environment: 'live' }], { last_good_sha: C }, { policy })).toHaveLength(1);
  });
});

describe('REC008: pinned contradicts the audit log', () => {
  it('flags a pin added after an UNPIN, at pinned', () => {
    const f = check([promoteA, promoteB, rollbackToA, unpin], { pinned: true, pinned_reason: 'hold' });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      rule: 'REC008',
      range: { start: { line: 4 } },
      related: [{ range: { start: { line: 3 } }, message: 'the entry after which production is not pinned' }],
    });
    expect(f[0]?.message).toContain(
      'The record is pinned, but the audit log says production is not pinned since an UNPIN',
    );
  });

  it('flags a pin after a promote, and after an UNPIN followed by an automatic rollback', () => {
    expect(check([promoteA], { pinned: true })).toHaveLength(1);
    const auto: Ev = { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A, pin: false };
    expect(check([promoteA, promoteB, rollbackToA, unpin, auto], { pinned: true })).toHaveLength(1);
  });

  it('near misses: a pinning rollback, an older rollback logged before pin was, pinned false', () => {
    expect(check([promoteA, promoteB, rollbackToA], { pinned: true })).toEqual([]);
    const legacy: Ev = { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A };
    expect(check([promoteA, promoteB, legacy], { pinned: true })).toEqual([]);
    expect(check([promoteA], { pinned: false })).toEqual([]);
    // A refused UNPIN clears nothing.
    expect(
      check([promoteA, promoteB, rollbackToA, { ...unpin, outcome: 'refused' }], { pinned: true }),
    ).toEqual([]);
  });
});

describe("REC008: the record's audit_head since the change's base", () => {
  const events = [promoteA, promoteB, { from: B, to: C }];
  const last = events.length - 1;
  const base = BASE_SHA.slice(0, 12);

  it('flags an audit_head removed in the change, on the first line, saying how to restore it', () => {
    const f = check(events, { last_good_sha: C }, { headAt: null, baseHeadAt: last });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      rule: 'REC008',
      severity: 'error',
      file: REC,
      range: { start: { line: 0 } },
    });
    const before = log(events).hashes[last] as string;
    expect(f[0]?.message).toBe(
      `The record's audit_head is gone: at the base ${base} it named the audit entry ${before.slice(0, 12)}…, and without it the record is no longer checked against the audit log (REC008); a record loses its anchor only by hand: restore it (\`git checkout ${base} -- ${REC}\`) and let \`slipway promote\` or \`slipway rollback\` write the record.`,
    );
  });

  it('flags an audit_head moved back to an earlier entry, at its value, naming both lines', () => {
    const l = log(events);
    const f = check(events, { last_good_sha: A }, { headAt: 0, baseHeadAt: last });
    // The record names A as the log says up to entry 0: only the move back is flagged.
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toBe(
      `The record's audit_head moved back: at the base ${base} it named audit entry ${(l.hashes[last] as string).slice(0, 12)}… (line 3), now the earlier ${(l.hashes[0] as string).slice(0, 12)}… (line 1), so the entries between are no longer checked against the record (REC008); Slipway only moves it forward: restore it (\`git checkout ${base} -- ${REC}\`) and let \`slipway promote\` or \`slipway rollback\` write the record.`,
    );
    // At the audit_head value: line 3 of the record (0-based), after the key.
    expect(f[0]?.range.start).toEqual({ line: 3, character: 16 });
    expect(f[0]?.range.end.character).toBe(16 + 66);
  });

  it('follows a rename of the record to its path at base', () => {
    expect(
      check(events, { last_good_sha: C }, { headAt: null, baseHeadAt: last, renamedFrom: 'old/RECORD.json' }),
    ).toHaveLength(1);
  });

  it('near misses: kept, moved forward, no head at base, no record at base, a head the log does not hold', () => {
    expect(check(events, { last_good_sha: C }, { baseHeadAt: last })).toEqual([]);
    expect(check(events, { last_good_sha: C }, { baseHeadAt: 1 })).toEqual([]);
    expect(check(events, { last_good_sha: C }, { baseHeadAt: 0 })).toEqual([]);
    expect(check(events, { last_good_sha: C }, { baseHeadAt: null })).toEqual([]);
    expect(check(events, { last_good_sha: C }, { baseHeadAt: 'none' })).toEqual([]);
    expect(check(events, { last_good_sha: C }, { headAt: null, baseHeadAt: null })).toEqual([]);
    // A head at base the log no longer holds (the log rewritten: AUD005's), or one now unknown (AUD002's).
    expect(check(events, { last_good_sha: A, audit_head: 'e'.repeat(64) }, { baseHeadAt: last })).toEqual([]);
    // No log to place either head in: nothing to say of the order.
    expect(check(events, { last_good_sha: A }, { headAt: 0, baseHeadAt: last, noLog: true })).toEqual([]);
  });
});

describe('REC008 in the REC family', () => {
  it('is registered and runs', () => {
    expect(deployRecordFamily.rules.map((r) => r.id)).toContain('REC008');
    const parsed = parsePolicyText(`version: 1\ndeploy:\n  record: ${REC}\n  audit_log: ${LOG}\n`);
    if (!parsed.document) throw new Error('policy');
    const l = log([promoteA]);
    const record = { last_good_sha: C, deployed_at: '2026-01-09T10:00:00Z', audit_head: l.hashes[0] };
    const repo = new MemoryRepo({ [LOG]: l.text, [REC]: JSON.stringify(record) });
    const found = deployRecordFamily.check({ policy: parsed.document, repo, now: new Date(), env: {} });
    expect(found.findings.map((f) => f.rule)).toEqual(['REC008']);
  });
});
