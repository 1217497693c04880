import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT,
  type Fixture,
  calls,
  createFixture,
  git,
  publish,
  readState,
  release,
  resetCalls,
  slipway,
  snapshot,
} from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

/** Everything but the two files whose change is the point: the counters and the audit log. */
const head = (fx: Fixture) => git(fx, fx.bot, 'rev-parse', 'HEAD');

interface Case {
  step: string;
  arrange(fx: Fixture): void;
  message: RegExp;
  counters: { attempts_today: number; failures_today: number; fetch_failures_today: number };
  calls: string[];
}

const CASES: Case[] = [
  {
    step: 'fetch',
    arrange: (fx) => git(fx, fx.bot, 'remote', 'set-url', 'origin', join(fx.dir, 'moved-away.git')),
    message: /failed at fetch: cannot fetch from origin: .*moved-away\.git/,
    counters: { attempts_today: 0, failures_today: 0, fetch_failures_today: 1 },
    calls: [],
  },
  {
    step: 'verify',
    arrange: (fx) => {
      release(fx, 'v1.3.0', 'release 1.3.0\n', 'unsigned');
      publish(fx);
    },
    message: /failed at verify: v1\.3\.0 is not signed and require_signed_tags = true/,
    counters: { attempts_today: 0, failures_today: 1, fetch_failures_today: 0 },
    calls: [],
  },
  {
    step: 'apply',
    // A local edit git was told to overlook: invisible to the dirty check, but checkout refuses.
    arrange: (fx) => {
      git(fx, fx.bot, 'update-index', '--assume-unchanged', 'app.txt');
      writeFileSync(join(fx.bot, 'app.txt'), 'edited on the server\n');
    },
    message:
      /failed at apply: `git checkout --quiet --detach [0-9a-f]{40}` exited with 1: .*; restored v1\.0\.0 from backups\/.*; the service was not touched/,
    counters: { attempts_today: 1, failures_today: 1, fetch_failures_today: 0 },
    calls: ['save v1.2.0'],
  },
  {
    step: 'test',
    arrange: (fx) => writeFileSync(join(fx.control, 'fail-test'), ''),
    message:
      /failed at test: `.*test\.sh` exited with 3: test hook failed on purpose; restored v1\.0\.0 from backups\/.*; the service was not touched/,
    counters: { attempts_today: 1, failures_today: 1, fetch_failures_today: 0 },
    calls: ['save v1.2.0', 'test v1.2.0'],
  },
  {
    step: 'quiesce',
    arrange: (fx) => writeFileSync(join(fx.control, 'fail-quiesce'), ''),
    message: /failed at quiesce: .*; restored and restarted v1\.0\.0 from backups\//,
    counters: { attempts_today: 1, failures_today: 1, fetch_failures_today: 0 },
    calls: [
      'save v1.2.0',
      'test v1.2.0',
      'quiesce v1.2.0',
      'restart v1.2.0 rollback',
      'resume v1.2.0 rollback',
    ],
  },
  {
    step: 'restart',
    arrange: (fx) => writeFileSync(join(fx.control, 'fail-restart'), ''),
    message:
      /failed at restart: `.*restart\.sh` exited with 3: restart hook failed on purpose; restored and restarted v1\.0\.0/,
    counters: { attempts_today: 1, failures_today: 1, fetch_failures_today: 0 },
    calls: [
      'save v1.2.0',
      'test v1.2.0',
      'quiesce v1.2.0',
      'restart v1.2.0',
      'restart v1.2.0 rollback',
      'resume v1.2.0 rollback',
    ],
  },
  {
    step: 'health',
    arrange: (fx) => {
      release(fx, 'v1.3.0', 'release 1.3.0, unhealthy\n', 'release');
      publish(fx);
    },
    message:
      /failed at health: http:\/\/127\.0\.0\.1:\d+\/health was not healthy within 3s \(last: HTTP 503\); restored and restarted v1\.0\.0/,
    counters: { attempts_today: 1, failures_today: 1, fetch_failures_today: 0 },
    calls: [
      'save v1.3.0',
      'test v1.3.0',
      'quiesce v1.3.0',
      'restart v1.3.0',
      'resume v1.3.0',
      'restart v1.3.0 rollback',
      'resume v1.3.0 rollback',
    ],
  },
];

describe('a failure at each step leaves the installation exactly as before', () => {
  for (const c of CASES) {
    it(`fails at ${c.step}: tree, persistence and version unchanged; the right counter moved`, async () => {
      f = await createFixture();
      release(f, 'v1.2.0', 'release 1.2.0\n', 'release');
      publish(f);
      c.arrange(f);
      const before = snapshot(f);
      const headBefore = head(f);
      const r = await slipway(f, []);
      expect(r.stdout).toMatch(c.message);
      expect(r.stdout.split('\n')).toHaveLength(2);
      expect(r.code).toBe(1);
      expect(snapshot(f)).toEqual(before);
      expect(head(f)).toBe(headBefore);
      expect(git(f, f.bot, 'status', '--porcelain')).toBe('');
      expect(readState(f)).toMatchObject({
        ...c.counters,
        circuit: { open: false },
        last_run: { result: 'failed', step: c.step },
      });
      expect(calls(f)).toEqual(c.calls);
      // The old version is what the health endpoint reports.
      expect(readFileSync(join(f.control, 'running.txt'), 'utf8')).toBe('release 1.0.0\n');
      const audit = readFileSync(join(f.bot, AUDIT), 'utf8').trim().split('\n');
      expect(JSON.parse(audit.at(-1) as string)).toMatchObject({ event: 'update-failed', step: c.step });
    });
  }
});

describe('signatures and rollbacks', () => {
  it.each([
    ['rogue', /v1\.1\.0 is signed by [0-9A-F]{40}.*, which is not in allowed_signers/],
    ['stranger', /v1\.1\.0 is signed by a key this server cannot check \(key [0-9A-F]+ not in the keyring\)/],
    ['lightweight', /v1\.1\.0 is not signed/],
  ] as const)('refuses a tag signed by %s', async (signer, message) => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', signer);
    publish(f);
    const before = snapshot(f);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(message);
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(readState(f)).toMatchObject({ attempts_today: 0, failures_today: 1 });
  });

  it('refuses an older signed tag offered as the latest (a newer one was removed upstream)', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).code).toBe(0);
    const at = head(f);
    // The attacker rewinds the remote: v1.1.0 disappears, v1.0.0 (validly signed) is the newest.
    git(f, f.dev, 'push', '--quiet', 'origin', ':refs/tags/v1.1.0');
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at verify: the newest release offered, v1\.0\.0, is older than the running v1\.1\.0: refusing a rollback/,
    );
    expect(r.code).toBe(1);
    expect(head(f)).toBe(at);
    expect(readState(f)).toMatchObject({ failures_today: 1 });
  });

  it('refuses a release tag re-pointed at another commit', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).code).toBe(0);
    git(f, f.dev, 'tag', '-d', 'v1.1.0');
    release(f, 'v1.1.0', 'release 1.1.0, quietly changed\n', 'release');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at verify: the remote offers v1\.1\.0 at [0-9a-f]{12} but v1\.1\.0 runs [0-9a-f]{12}: a re-pointed tag is refused/,
    );
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.1.0\n');
  });

  it('opens the circuit at max_failures_per_day, refuses until a human resets it', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    writeFileSync(join(f.control, 'fail-test'), '');
    expect((await slipway(f, [])).stdout).not.toContain('circuit is open');
    const second = await slipway(f, []);
    expect(second.stdout).toMatch(
      /failed at test: .*; the circuit is open: `slipway update reset --reason \.\.\.` re-enables updates/,
    );
    expect(readState(f)).toMatchObject({
      attempts_today: 2,
      failures_today: 2,
      total_failures: 2,
      circuit: { open: true },
    });

    resetCalls(f);
    writeFileSync(join(f.control, 'fail-test'), '');
    const refused = await slipway(f, []);
    expect(refused.stdout).toMatch(/not updating: the circuit is open since .*slipway update reset/);
    expect(refused.code).toBe(1);
    expect(calls(f)).toEqual([]);
    expect((await slipway(f, ['status'])).stdout).toMatch(/circuit: OPEN since/);

    const reset = await slipway(f, ['reset', '--reason', 'fixed the compile error']);
    expect(reset.stdout).toContain('circuit closed');
    const { rmSync } = await import('node:fs');
    rmSync(join(f.control, 'fail-test'));
    const ok = await slipway(f, []);
    expect(ok.stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    expect(readState(f)).toMatchObject({ attempts_today: 3, failures_today: 0, circuit: { open: false } });
    // The policy's max 3 attempts a day: the fourth is refused.
    release(f, 'v1.2.0', 'release 1.2.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(
      /3 update attempt\(s\) today reached max_attempts_per_day = 3/,
    );
  });

  it('opens the circuit at once when the rollback itself fails', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    writeFileSync(join(f.control, 'fail-restart'), 'always');
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at restart: .*restored v1\.0\.0 from backups\/.* but could not bring it back up/,
    );
    expect(readState(f)).toMatchObject({
      failures_today: 1,
      circuit: { open: true, reason: 'rollback failed at restart' },
    });
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.0.0\n');
  });
});
