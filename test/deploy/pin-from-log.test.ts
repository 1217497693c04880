import { formatAuditLine, readAuditLog, sha256Hex, type AuditEvent } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

/** The record as a hand edit leaves it: `pinned` and `pinned_reason` dropped, nothing else. */
function dropPin(f: DeployFixture): string {
  const { pinned: _p, pinned_reason: _r, ...rest } = f.record() ?? {};
  const text = `${JSON.stringify(rest, null, 2)}\n`;
  f.repo.write({ [RECORD]: text });
  return text;
}

/** Findings `slipway check --tree` reports for one rule. */
async function findings(f: DeployFixture, rule: string) {
  const r = await f.cli('check', '--tree', '--rule', rule, '--format', 'json');
  return (JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }).findings;
}

describe('the pin is read from the audit log too: a hand edit of the record cannot drop it', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';
  let edited = '';

  beforeAll(async () => {
    ({ f, v1: sha1, v2: sha2 } = await shipped(['production']));
  });
  afterAll(() => f.dispose());

  it('a pinning rollback logs pin: true', async () => {
    const r = await f.cli('rollback', '--reason', 'errors after v2', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      to: sha1,
      pin: true,
    });
  });

  it('with the pin edited out of the record, promote is refused, logged, and the record left alone', async () => {
    edited = dropPin(f);
    const requests = f.requests().length;
    const head = f.repo.git('rev-parse', 'HEAD').trim();
    const dry = await f.cli('promote', sha2, '--env', 'production', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('FAIL not pinned');
    expect(dry.stdout).toContain('would be refused');
    // --commit must not commit the edited record under a Slipway-Event trailer.
    const r = await f.cli('promote', sha2, '--env', 'production', ...APPROVE, '--commit');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const refusal = r.stdout.split('\n').find((l) => l.startsWith('refused:')) ?? '';
    expect(refusal).toContain(`${RECORD} lost its pin (hand edit?)`);
    expect(refusal).toContain(`pinned to ${sha1.slice(0, 12)}`);
    expect(refusal).toContain('a human must run `slipway unpin --reason`');
    expect(f.requests()).toHaveLength(requests);
    expect(f.read(RECORD)).toBe(edited);
    expect(f.repo.git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'GUARD_FAILED',
      outcome: 'refused',
      to: sha2,
      details: expect.arrayContaining([expect.stringContaining('lost its pin')]),
    });
    const log = readAuditLog(f.read(LOG) ?? '');
    expect(log.issues).toEqual([]);
  });

  it('history and check show the pin the log records', async () => {
    const h = await f.cli('history');
    expect(h.stdout).toContain('PINNED (per the audit log)');
    const j = JSON.parse((await f.cli('history', '--json')).stdout) as { pin: unknown };
    expect(j.pin).toMatchObject({ source: 'log', sha: sha1, reason: 'errors after v2' });
    const found = await findings(f, 'REC007');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('lost its pin (hand edit?)');
  });

  it('with the record deleted, promote (and its dry run) is refused', async () => {
    f.repo.remove(RECORD);
    const dry = await f.cli('promote', sha2, '--env', 'production', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).not.toContain('would proceed');
    expect(dry.stdout).toContain('FAIL not pinned');
    const requests = f.requests().length;
    const r = await f.cli('promote', sha2, '--env', 'production', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`refused: ${RECORD} lost its pin (hand edit?) (the file is missing)`);
    expect(f.requests()).toHaveLength(requests);
    expect(f.read(RECORD)).toBeUndefined();
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'GUARD_FAILED', outcome: 'refused' });
  });

  it('after `slipway unpin --reason`, which logs UNPIN, promote proceeds', async () => {
    f.repo.write({ [RECORD]: edited });
    const u = await f.cli('unpin', '--reason', 'v2 fixed upstream', '--yes');
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'UNPIN', outcome: 'succeeded', from: sha1 });
    expect(await findings(f, 'REC007')).toEqual([]);
    const r = await f.cli('promote', sha2, '--env', 'production', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()?.last_good_sha).toBe(sha2);
    expect(f.requests().at(-1)).toBe(`deploy production ${sha2}`);
  });

  it("a failed promote's automatic rollback logs pin: false and does not block the next promote", async () => {
    f.repo.write({ 'app.txt': 'v3\n' });
    const sha3 = f.repo.commit('v3');
    f.prod.badShas.add(sha3);
    expect((await f.cli('promote', '--env', 'staging')).code).toBe(0);
    const bad = await f.cli('promote', '--env', 'production', ...APPROVE);
    expect(bad.code).toBe(1);
    expect(f.requests().at(-1)).toBe(`rollback production ${sha2}`);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      to: sha2,
      pin: false,
    });
    const sha4 = await f.release('v4', 'staging');
    const r = await f.cli('promote', sha4, '--env', 'production', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('ok   not pinned');
  });
});

describe('audit logs written before `pin` was logged', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';

  beforeAll(async () => {
    ({ f, v1: sha1, v2: sha2 } = await shipped(['production']));
  });
  afterAll(() => f.dispose());

  /** Rewrites the log as an older Slipway wrote it (no `pin`), re-chained, and reseals the record. */
  function asOldLog(): void {
    let prev = '0'.repeat(64);
    let text = '';
    for (const line of (f.read(LOG) ?? '').split('\n').filter(Boolean)) {
      const { pin: _pin, ...event } = JSON.parse(line) as AuditEvent;
      const next = formatAuditLine({ ...event, prev });
      text += `${next}\n`;
      prev = sha256Hex(next);
    }
    f.repo.write({
      [LOG]: text,
      [RECORD]: `${JSON.stringify({ ...f.record(), audit_head: prev }, null, 2)}\n`,
    });
  }

  it('stay valid; the record alone decides the pin, as before; a new rollback appended to one pins by the log', async () => {
    expect((await f.cli('rollback', '--reason', 'old-style pin', '--yes')).code).toBe(0);
    asOldLog();
    expect(f.read(LOG)).not.toContain('"pin"');
    expect(readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues).toEqual([]);
    // Pinned by the record: refused, as it always was.
    const pinned = await f.cli('promote', sha2, '--env', 'production', ...APPROVE);
    expect(pinned.code).toBe(1);
    expect(pinned.stdout).toContain('FAIL not pinned: production is pinned to');
    expect((await f.cli('unpin', '--reason', 'ok again', '--yes')).code).toBe(0);
    expect((await f.cli('promote', sha2, '--env', 'production', ...APPROVE)).code).toBe(0);
    // The old lines do not pin by themselves: only the new rollback (pin: true) below does.
    expect(await findings(f, 'REC007')).toEqual([]);
    expect((await f.cli('rollback', '--reason', 'new-style pin', '--yes')).code).toBe(0);
    dropPin(f);
    const r = await f.cli('promote', sha2, '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lost its pin (hand edit?)');
    expect(f.record()?.last_good_sha).toBe(sha1);
  });
});
