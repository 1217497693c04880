import { sha256Hex } from '@slipway/policy-core';
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from '../deploy/helpers/deploy-repo.js';

/**
 * AUD005 and REC008 through `slipway check` on histories that Slipway's own commands made
 * (promote, rollback, unpin with --commit), and on the reviewer's hand-made rewrites of them,
 * committed with the Slipway-Event trailer so that REC006 trusts them.
 */

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const TRAILER = 'Slipway-Event: manual-correction';

let f: DeployFixture;
afterEach(async () => {
  await f?.dispose();
});

const head = () => f.repo.git('rev-parse', 'HEAD').trim();

async function ok(...args: string[]): Promise<void> {
  const r = await f.cli(...args);
  expect(r.code, `slipway ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
}

/** `slipway check --base BASE` findings, as "RULE file:line message". */
async function findings(base: string): Promise<string[]> {
  const r = await f.cli('check', '--base', base, '--format', 'json');
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as {
    findings: { rule: string; file: string; line: number; message: string }[];
  };
  return report.findings.map((x) => `${x.rule} ${x.file}:${x.line} ${x.message}`);
}

/** Code commit `version`, verified on staging and promoted to production, each step committed. */
async function shipCommitted(version: string): Promise<string> {
  // The fixture starts at "v1\n": a release always changes the file.
  f.repo.write({ 'app.txt': `release ${version}\n` });
  const sha = f.repo.commit(version);
  await ok('promote', '--env', 'staging', '--commit');
  await ok('promote', '--env', 'production', '--commit', ...APPROVE);
  return sha;
}

function logLines(): string[] {
  return (f.read(LOG) ?? '').split('\n').filter(Boolean);
}

function record(): Record<string, unknown> {
  return JSON.parse(f.read(RECORD) ?? '{}') as Record<string, unknown>;
}

function writeRecord(r: Record<string, unknown>): void {
  f.repo.write({ [RECORD]: `${JSON.stringify(r, null, 2)}\n` });
}

describe('AUD005: the log at head must extend the log at base', () => {
  it("the reviewer's repro: a failed promote and its correction erased, the record resealed, the trailer on", async () => {
    f = await new DeployFixture().start();
    await shipCommitted('v1');
    const before = head();
    // v2 fails production's health checks: promote rolls back by itself and logs it.
    f.repo.write({ 'app.txt': 'v2\n' });
    const v2 = f.repo.commit('v2');
    f.prod.badShas.add(v2);
    await ok('promote', '--env', 'staging', '--commit');
    const failed = await f.cli('promote', '--env', 'production', '--commit', ...APPROVE);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('SYSTEM CORRECTION EVENT');
    // Slipway's own appends, the automatic rollback included: nothing to say (AUD005, REC008).
    expect(await findings(before)).toEqual([]);
    const base = head();

    const lines = logLines();
    const tail = lines.slice(-4).map((l) => JSON.parse(l) as { event: string; outcome: string });
    expect(tail.map((e) => `${e.event} ${e.outcome}`)).toEqual([
      'PROMOTE started',
      'PROMOTE failed',
      'SYSTEM_CORRECTION_EVENT started',
      'SYSTEM_CORRECTION_EVENT succeeded',
    ]);
    const kept = lines.slice(0, -4);
    f.repo.write({ [LOG]: kept.map((l) => `${l}\n`).join('') });
    writeRecord({ ...record(), audit_head: sha256Hex(kept[kept.length - 1] as string) });
    f.repo.commit(`tidy the deploy log\n\n${TRAILER}`);

    const found = await findings(base);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^AUD005 ${LOG}:${kept.length + 1} `));
    expect(found[0]).toContain(`4 are missing`);
    expect(found[0]).toContain(`git checkout ${base.slice(0, 12)} -- ${LOG}`);
  });

  it("a torn last line at base, closed by Slipway's next append, is an extension", async () => {
    f = await new DeployFixture().start();
    await shipCommitted('v1');
    // What a crash during an append leaves, committed as found.
    f.repo.write({ [LOG]: `${f.read(LOG)}{"v":1,"time":"2026-01` });
    const base = f.repo.commit(`crash leftovers\n\n${TRAILER}`);
    // Promote refuses to ship over a torn line, and logs (and commits) the refusal after it.
    const refused = await f.cli('promote', '--env', 'staging', '--commit');
    expect(refused.stdout).toContain('logged as GUARD_FAILED');
    expect(f.read(LOG)).toContain('{"v":1,"time":"2026-01\n{');
    expect(f.repo.git('status', '--porcelain')).toBe('');
    const found = await findings(base);
    // The torn line is still there for a person to look at (AUD001); nothing was removed.
    expect(found.map((x) => x.split(' ')[0])).toEqual(['AUD001']);
  });

  it('a deleted log is reported at the policy key, and the record’s dropped audit_head beside it (REC008)', async () => {
    f = await new DeployFixture().start();
    await shipCommitted('v1');
    const base = head();
    f.repo.remove(LOG);
    const { audit_head: _, ...rest } = record();
    writeRecord(rest);
    f.repo.commit(`drop the deploy log\n\n${TRAILER}`);
    const found = await findings(base);
    expect(found).toHaveLength(2);
    expect(found[1]).toMatch(
      /^AUD005 slipway\.yaml:\d+ The audit log infrastructure\/deploy-audit\.jsonl was deleted/,
    );
    expect(found[0]).toMatch(
      /^REC008 infrastructure\/LAST_PROD_DEPLOY\.json:1 The record's audit_head is gone/,
    );
  });
});

describe('REC008: the record must say what the log says', () => {
  it('flags last_good_sha hand-edited to a commit never deployed, committed with the trailer', async () => {
    f = await new DeployFixture().start();
    const v1 = await shipCommitted('v1');
    const base = head();
    f.repo.write({ 'app.txt': 'v2\n' });
    const v2 = f.repo.commit('v2');
    writeRecord({ ...record(), last_good_sha: v2 });
    f.repo.commit(`point production at v2\n\n${TRAILER}`);
    const found = await findings(base);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^REC008 ${RECORD}:\\d+ last_good_sha is ${v2.slice(0, 12)}`));
    expect(found[0]).toContain(`production runs ${v1.slice(0, 12)} since a promote by Ada Approver`);
  });

  it('a rollback and then an unpin, each committed by Slipway, leave nothing to report', async () => {
    f = await new DeployFixture().start();
    const v1 = await shipCommitted('v1');
    const base = head();
    await shipCommitted('v2');
    await ok('rollback', '--reason', 'errors after v2', '--yes', '--commit');
    expect(record()).toMatchObject({ last_good_sha: v1, pinned: true });
    expect(await findings(base)).toEqual([]);
    await ok('unpin', '--reason', 'v2 fixed', '--yes', '--commit');
    expect(record().pinned).toBeUndefined();
    expect(await findings(base)).toEqual([]);
    // Putting the pin back by hand contradicts the UNPIN the log holds.
    writeRecord({ ...record(), pinned: true, pinned_reason: 'hold' });
    f.repo.commit(`hold production\n\n${TRAILER}`);
    const found = await findings(base);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^REC008 .* The record is pinned, but the audit log says production is not pinned since an UNPIN/,
    );
  });
});
