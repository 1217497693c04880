import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const GHOST = 'c0ffee'.repeat(7).slice(0, 40);

describe('records that name the wrong environment or an unknown commit, torn logs, typos', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';
  const cli = (...args: string[]) => f.cli(...args);
  const chainIssues = () =>
    readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues.filter(
      (i) => i.kind === 'chain' || i.kind === 'head-missing',
    );
  const writeRecord = (r: Record<string, unknown>) =>
    f.repo.write({ [RECORD]: `${JSON.stringify(r, null, 2)}\n` });

  beforeAll(async () => {
    ({ f, v1: sha1, v2: sha2 } = await shipped(['production']));
  });
  afterAll(() => f.dispose());

  it('a record for an unknown environment: promote, rollback and watch (production or staging) refuse in one line, leave it, log it', async () => {
    const good = f.record() ?? {};
    writeRecord({ ...good, environment: 'prod-eu' });
    const text = f.read(RECORD);
    const line = `${RECORD}:4: the record describes environment "prod-eu", but it is the record of deploy.production ("production"; the policy defines "staging", "production"); correct its "environment" or the policy before deploying.`;
    const requests = f.requests();
    for (const [args, event] of [
      [['promote', sha2, '--env', 'production', ...APPROVE], 'GUARD_FAILED'],
      [['rollback', '--reason', 'try it', '--yes'], 'SYSTEM_CORRECTION_EVENT'],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toBe(
        `slipway ${args[0]}: ${line} The record was not changed (the refusal is logged).\n`,
      );
      expect(f.read(RECORD)).toBe(text);
      expect(f.auditLines().at(-1)).toMatchObject({ event, outcome: 'refused', details: [line] });
    }
    f.prod.defaultMode = 'failing';
    try {
      const w = await cli('watch', '--interval', '50ms', '--failures', '1', '--for', '20s');
      expect(w.code).toBe(1);
      expect(w.stderr).toBe(`slipway watch: ${line} The record was not changed (the refusal is logged).\n`);
      expect(f.auditLines().at(-1)).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'refused' });
    } finally {
      f.prod.defaultMode = 'healthy';
    }
    // A watch of staging, which would log a failure, refuses the same way, and logs that.
    f.staging.defaultMode = 'failing';
    try {
      const w = await cli('watch', '--env', 'staging', '--once', '--failures', '1');
      expect(w.code).toBe(1);
      expect(w.stderr).toBe(`slipway watch: ${line} The record was not changed (the refusal is logged).\n`);
      expect(f.auditLines().at(-1)).toMatchObject({
        event: 'HEALTH_FAILED',
        environment: 'staging',
        outcome: 'refused',
        details: [line],
      });
    } finally {
      f.staging.defaultMode = 'healthy';
    }
    expect(f.requests()).toEqual(requests);
    expect(f.read(RECORD)).toBe(text);
    expect((await cli('history')).stdout).toContain(`warning: ${line}`);
    writeRecord(good);
    expect(chainIssues()).toEqual([]);
  });

  it('a rollback whose target is not a commit here: one line, nothing deployed, the refusal logged', async () => {
    const good = f.record() ?? {};
    // What a record from a clone that has a commit this one lacks (a shallow CI checkout) says.
    writeRecord({
      ...good,
      previous_sha: GHOST,
      history: [{ event: 'PROMOTE', sha: GHOST, deployed_at: '2026-01-01T00:00:00Z' }],
    });
    const requests = f.requests();
    const why = `${GHOST.slice(0, 12)}, the rollback target in ${RECORD}, is not a commit in this repository; fetch it (git fetch --unshallow, or from the remote that has it) or pass --to another recorded deploy.`;
    const dry = await cli('rollback', '--reason', 'ghost', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toBe(`slipway rollback: ${why} Nothing was rolled back.\n`);
    const logBefore = f.read(LOG);
    const r = await cli('rollback', '--reason', 'ghost', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`slipway rollback: ${why} Nothing was rolled back (the refusal is logged).\n`);
    expect(f.requests()).toEqual(requests);
    expect(f.read(LOG)?.startsWith(logBefore ?? '')).toBe(true);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      from: sha2,
      to: GHOST,
      outcome: 'refused',
      details: [why],
    });
    expect(f.record()).toMatchObject({ last_good_sha: sha2, previous_sha: GHOST });
    expect(f.record()?.pinned).toBeUndefined();
    expect(chainIssues()).toEqual([]);
    writeRecord({ ...good, audit_head: f.record()?.audit_head });
  });

  it('a torn last audit line: rollback and unpin warn, keep it, and chain past it', async () => {
    f.repo.write({ [LOG]: `${f.read(LOG)}{"v":1,"time":"2026-11-` });
    const r = await cli('rollback', '--reason', 'after a crash', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning: infrastructure\/deploy-audit\.jsonl:\d+: the last line is cut off/);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true });
    f.repo.write({ [LOG]: `${f.read(LOG)}{"v":1,"ti` });
    const u = await cli('unpin', '--reason', 'fine again', '--yes');
    expect(u.code, u.stdout + u.stderr).toBe(0);
    const log = readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string);
    expect(log.issues.map((i) => i.kind)).toEqual(['malformed', 'malformed']);
    expect(log.entries.at(-1)?.event).toMatchObject({ event: 'UNPIN', outcome: 'succeeded' });
  });

  it('blank reasons and approvers count as missing: the log must say why and who', async () => {
    const log = f.read(LOG);
    const skip = await cli('promote', '--env', 'production', '--skip-staging', '--reason', ' ', ...APPROVE);
    expect([skip.code, skip.stderr]).toEqual([
      2,
      'slipway promote: --skip-staging needs --reason saying why staging was skipped.\n',
    ]);
    const blank = await cli('promote', '--env', 'production', '--yes', '--approved-by', '  ');
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/needs a human approver: add --approved-by NAME to --yes\.\n$/);
    expect(f.read(LOG)).toBe(log);
  });

  it('history --env with a name neither the policy nor the log knows: one line, exit 2', async () => {
    const r = await cli('history', '--env', 'prodution');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'slipway history: slipway.yaml: unknown environment "prodution" for --env; the policy defines "staging", "production", and the audit log names no other.\n',
    );
    expect((await cli('history', '--env', 'staging')).stdout).toContain('STAGING_VERIFIED');
  });
});
