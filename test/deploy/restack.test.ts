import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { preparedFixture } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

/**
 * `slipway restack ONTO` on real repositories: HEAD's record commits are made again on top of a
 * branch that also appended to the log (what a CI job does when its push is rejected).
 */
describe('slipway restack', () => {
  const fixtures: DeployFixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((f) => f.dispose()));
  });

  /**
   * main with v1 in production (committed) and v2 on top; `theirs` branches there and commits
   * another job's staging verification of v2, while main stays at v2 for this job's commits.
   */
  async function diverged() {
    const { f, made } = await preparedFixture(
      'restack: diverged',
      () => new DeployFixture(),
      async (t) => {
        const v1 = t.repo.git('rev-parse', 'HEAD').trim();
        expect((await t.cli('promote', v1, '--env', 'staging', '--commit')).code).toBe(0);
        expect((await t.cli('promote', v1, '--env', 'production', ...APPROVE, '--commit')).code).toBe(0);
        t.repo.write({ 'app.txt': 'v2\n' });
        const v2 = t.repo.commit('v2');
        t.repo.git('checkout', '-q', '-b', 'theirs');
        expect((await t.cli('promote', v2, '--env', 'staging', '--commit')).code).toBe(0);
        t.repo.git('checkout', '-q', 'main');
        return { v1, v2 };
      },
    );
    fixtures.push(f);
    return { f, ...made };
  }

  const state = (f: DeployFixture) => {
    const record = parseDeployRecord(readFileSync(join(f.repo.dir, RECORD), 'utf8')).record;
    const log = readAuditLog(readFileSync(join(f.repo.dir, LOG), 'utf8'), record?.audit_head);
    return { record, log };
  };

  it("re-chains this branch's entries after theirs, keeps messages and authors, and seals the record", async () => {
    const { f, v1, v2 } = await diverged();
    // This job: a production promote of v1 again (changes the record) and a refused one after it.
    expect((await f.cli('promote', v1, '--env', 'staging', '--commit')).code).toBe(0);
    expect(
      (await f.cli('promote', v1, '--env', 'production', ...APPROVE, '--reason', 'again', '--commit')).code,
    ).toBe(0);
    const mine = f.repo.git('log', '--format=%s|%an', 'theirs..HEAD').trim().split('\n');
    const before = state(f).record;

    const r = await f.cli('restack', 'theirs');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/restacked 2 commit\(s\) onto theirs/);
    expect(f.repo.git('log', '--format=%s|%an', 'theirs..HEAD').trim().split('\n')).toEqual(mine);
    expect(f.repo.git('merge-base', '--is-ancestor', 'theirs', 'HEAD')).toBe('');
    const after = state(f);
    expect(after.log.issues).toEqual([]);
    expect(after.record?.audit_head).toBe(after.log.lastHash);
    // What production runs is what this branch's promote wrote; only the head moved.
    expect({ ...after.record, audit_head: '' }).toEqual({ ...before, audit_head: '' });
    const events = after.log.entries.map(
      (e) => `${e.event.event} ${e.event.to?.slice(0, 7)} ${e.event.outcome}`,
    );
    expect(events.slice(-6)).toEqual([
      `STAGING_VERIFIED ${v2.slice(0, 7)} started`,
      `STAGING_VERIFIED ${v2.slice(0, 7)} succeeded`,
      `STAGING_VERIFIED ${v1.slice(0, 7)} started`,
      `STAGING_VERIFIED ${v1.slice(0, 7)} succeeded`,
      `PROMOTE ${v1.slice(0, 7)} started`,
      `PROMOTE ${v1.slice(0, 7)} succeeded`,
    ]);
    // The guard sees only Slipway's commits and a whole chain.
    const check = await f.cli(
      'check',
      '--base',
      'theirs~1',
      '--head',
      'HEAD',
      '--rule',
      'REC',
      '--rule',
      'AUD',
    );
    expect(check.stdout + check.stderr).not.toMatch(/REC006|AUD00/);
    expect(check.code).toBe(0);
    // Restacking again finds nothing to do.
    const again = await f.cli('restack', 'theirs');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to restack');
  }, 60_000);

  it('keeps code that landed on ONTO meanwhile, and --dry-run changes nothing', async () => {
    const { f, v1 } = await diverged();
    f.repo.git('checkout', '-q', 'theirs');
    f.repo.write({ 'feature.txt': 'merged meanwhile\n' });
    f.repo.commit('a merged pull request');
    f.repo.git('checkout', '-q', 'main');
    expect((await f.cli('promote', v1, '--env', 'staging', '--commit')).code).toBe(0);
    const head = f.repo.git('rev-parse', 'HEAD').trim();

    const dry = await f.cli('restack', 'theirs', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/slipway: verification of \w+ on staging \(2 audit entries\)/);
    expect(dry.stdout).toContain('dry run');
    expect(f.repo.git('rev-parse', 'HEAD').trim()).toBe(head);

    expect((await f.cli('restack', 'theirs')).code).toBe(0);
    expect(readFileSync(join(f.repo.dir, 'feature.txt'), 'utf8')).toBe('merged meanwhile\n');
    expect(state(f).log.issues).toEqual([]);
    expect(f.repo.git('status', '--porcelain')).toBe('');
  }, 60_000);

  it('refuses, changing nothing, when the record on ONTO no longer says what the command read', async () => {
    const { f, v1, v2 } = await diverged();
    // Theirs promotes v2 to production; this branch redeploys v1 (a rollback that pins it):
    // two production changes crossed.
    f.repo.git('checkout', '-q', 'theirs');
    expect((await f.cli('promote', v2, '--env', 'production', ...APPROVE, '--commit')).code).toBe(0);
    f.repo.git('checkout', '-q', 'main');
    const rollback = ['rollback', '--env', 'production', '--to', v1, '--reason', 'redeploy', ...APPROVE];
    expect((await f.cli(...rollback, '--commit')).code).toBe(0);
    const head = f.repo.git('rev-parse', 'HEAD').trim();
    const r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /changed what production runs, but .*LAST_PROD_DEPLOY\.json on theirs no longer says/,
    );
    expect(f.repo.git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(state(f).record?.pinned).toBe(true);
  }, 60_000);

  it('moves only commits Slipway made, only when the tree is clean, only onto a sound log', async () => {
    const { f } = await diverged();
    const head = f.repo.git('rev-parse', 'HEAD').trim();
    // A person's commit in the range.
    f.repo.write({ 'notes.txt': 'mine\n' });
    f.repo.commit('my own change');
    let r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /has no Slipway-Event trailer; restack moves only the record commits Slipway made/,
    );
    f.repo.git('reset', '-q', '--hard', head);

    // A Slipway trailer on a commit that also changes code.
    f.repo.write({ 'app.txt': 'sneaky\n', [LOG]: `${readFileSync(join(f.repo.dir, LOG), 'utf8')}` });
    f.repo.git('add', '-A');
    f.repo.git('commit', '-q', '-m', 'deploy\n\nSlipway-Event: PROMOTE production x');
    r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/also changes app\.txt/);
    f.repo.git('reset', '-q', '--hard', head);

    // A trailer on a commit that rewrites the log (drops its last line).
    const lines = readFileSync(join(f.repo.dir, LOG), 'utf8').split('\n');
    f.repo.write({ [LOG]: `${lines.slice(0, -2).join('\n')}\n` });
    f.repo.git('commit', '-q', '-am', 'trim\n\nSlipway-Event: PROMOTE production x');
    r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rewrites infrastructure\/deploy-audit\.jsonl instead of appending/);
    f.repo.git('reset', '-q', '--hard', head);

    // Uncommitted changes.
    expect((await f.cli('promote', 'HEAD', '--env', 'staging', '--commit')).code).toBe(0);
    f.repo.write({ 'app.txt': 'dirty\n' });
    r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/uncommitted changes \(app\.txt\); restack moves HEAD/);
    f.repo.git('checkout', '-q', '--', 'app.txt');

    // ONTO's log with a broken chain (an entry edited by hand).
    f.repo.git('checkout', '-q', 'theirs');
    const text = readFileSync(join(f.repo.dir, LOG), 'utf8');
    f.repo.write({ [LOG]: text.replace('"outcome":"succeeded"', '"outcome":"failed"') });
    f.repo.commit('edit the log by hand');
    f.repo.git('checkout', '-q', 'main');
    r = await f.cli('restack', 'theirs');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/deploy-audit\.jsonl on theirs: AUD002/);

    // Bad arguments: one line each.
    for (const args of [['restack'], ['restack', 'a', 'b'], ['restack', 'no-such-branch']]) {
      r = await f.cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  }, 60_000);
});
