import { type Precondition, sha256Hex } from '@slipway/policy-core';
import { planPromote, promote } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Who } from '../../../../../test/helpers/git-repo.js';
import { DeployFixture, flowOptions } from './flow-fixture.js';

/**
 * Issue 48, category 4: promote trusts a staging verification only when Slipway's own flow wrote
 * it. A STAGING_VERIFIED line appended by hand with its chain recomputed reads exactly like the
 * flow's; git blame names the commit that wrote it, and that commit must carry the trailer, be
 * made by no agent of the policy and change only the record and the log. One repository and
 * its servers for every case; each case starts again from the same commit. The plan is asked
 * (no deploy runs) with the guard stood in for: what is judged is the staging line alone.
 */

const LOG = 'infrastructure/deploy-audit.jsonl';
const CLAUDE: Who = { name: 'Claude', email: 'noreply@anthropic.com' };
const HUMAN: Who = { name: 'Dev Human', email: 'dev@example.com' };
const CI: Who = { name: 'Slipway CI', email: 'slipway-ci@users.noreply.github.com' };

let f: DeployFixture;
let code: string;
beforeAll(async () => {
  f = await new DeployFixture().start();
  code = f.repo.git('rev-parse', 'HEAD').trim();
});
afterAll(() => f?.dispose());

const passGuard = async () => ({ ok: true, lines: [] });

/** The plan's "verified on staging" line for shipping `code` to production. */
async function stagingLine(): Promise<Precondition | undefined> {
  const plan = await planPromote({
    ...(await flowOptions(f)),
    environment: 'production',
    ref: code,
    guard: passGuard,
  });
  return plan.checks.find((c) => c.name === 'verified on staging');
}

/** The log as the code commit has it, plus a succeeded STAGING_VERIFIED of `code`, chained by hand. */
function handWrittenVerification(): string {
  const before = f.read(LOG) ?? '';
  const lines = before.split('\n').filter(Boolean);
  const prev = lines.length > 0 ? sha256Hex(lines[lines.length - 1] as string) : '0'.repeat(64);
  const line = JSON.stringify({
    v: 1,
    time: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    event: 'STAGING_VERIFIED',
    environment: 'staging',
    from: null,
    to: code,
    actor: { name: 'Slipway CI', kind: 'ci' },
    outcome: 'succeeded',
    prev,
  });
  return `${before}${line}\n`;
}

const TRAILER = () => `\n\nSlipway-Event: STAGING_VERIFIED staging ${code}`;

const HAND_WRITTEN: {
  name: string;
  who: Who;
  message: () => string;
  also?: Record<string, string>;
  /** The plan's line: refused with this said, or trusted (undefined). */
  refused?: RegExp;
}[] = [
  {
    name: 'attack: an agent appends it under the trailer (its own word)',
    who: CLAUDE,
    message: () => `slipway: verification on staging${TRAILER()}`,
    refused:
      /was not written by Slipway's own flow: commit [0-9a-f]{12} \("slipway: verification on staging", Claude <noreply@anthropic.com>\) wrote infrastructure\/deploy-audit\.jsonl:1 but its Slipway-Event trailer does not count: it was made by an agent of this policy/,
  },
  {
    name: 'attack: a person appends it without the trailer',
    who: HUMAN,
    message: () => 'Mark the SHA verified',
    refused:
      /without a Slipway-Event trailer \(a hand-written entry\); run `slipway promote [0-9a-f]{12} --env staging`/,
  },
  {
    name: 'attack: the trailer on a commit that also changes code',
    who: HUMAN,
    message: () => `slipway: verification on staging${TRAILER()}`,
    also: { 'app.txt': 'v1, patched\n' },
    refused: /but it also changes app\.txt, which Slipway's deploy commits never do/,
  },
  {
    name: 'near miss: the CI identity’s commit of the log alone, with the trailer (what the staging job commits)',
    who: CI,
    message: () => `slipway: verification of ${code.slice(0, 12)} on staging${TRAILER()}`,
  },
];

describe('promote trusts only staging verifications that Slipway’s flow wrote', () => {
  for (const c of HAND_WRITTEN)
    it(c.name, async () => {
      f.repo.git('reset', '-q', '--hard', code);
      f.repo.write({ [LOG]: handWrittenVerification(), ...(c.also ?? {}) });
      f.repo.git('add', '-A');
      f.repo.gitAs(c.who, 'commit', '-q', '-m', c.message());
      const line = await stagingLine();
      if (c.refused) {
        expect(line?.ok, line?.detail).toBe(false);
        expect(line?.detail).toMatch(c.refused);
      } else {
        expect(line, line?.detail).toMatchObject({
          ok: true,
          detail: `staging verified ${code.slice(0, 12)}`,
        });
      }
    });

  it('near miss: the real staging run, committed by the flow and then not committed at all', async () => {
    f.repo.git('reset', '-q', '--hard', code);
    const run = await promote({ ...(await flowOptions(f)), environment: 'staging', ref: code, commit: true });
    expect(run.outcome, run.message).toBe('deployed');
    expect(f.repo.git('log', '-1', '--format=%B')).toContain('Slipway-Event: STAGING_VERIFIED staging');
    expect(await stagingLine()).toMatchObject({ ok: true, detail: `staging verified ${code.slice(0, 12)}` });
    // The same lines, written in this checkout and never committed (a local run without --commit).
    f.repo.git('reset', '-q', '--mixed', code);
    expect(f.repo.git('status', '--porcelain')).toContain(LOG);
    expect(await stagingLine()).toMatchObject({ ok: true, detail: `staging verified ${code.slice(0, 12)}` });
  });

  it('--skip-staging still goes, and says that the verification it passed over was not the flow’s', async () => {
    f.repo.git('reset', '-q', '--hard', code);
    f.repo.write({ [LOG]: handWrittenVerification() });
    f.repo.git('add', '-A');
    f.repo.gitAs(CLAUDE, 'commit', '-q', '-m', `slipway: verification${TRAILER()}`);
    const plan = await planPromote({
      ...(await flowOptions(f)),
      environment: 'production',
      ref: code,
      guard: passGuard,
      skipStaging: true,
      reason: 'hotfix',
    });
    const line = plan.checks.find((c) => c.name === 'verified on staging');
    expect(line?.ok).toBe(true);
    expect(line?.detail).toMatch(
      /^skipped \(--skip-staging\); commit [0-9a-f]{12} .* it was made by an agent/,
    );
  });
});
