import { promoteLine } from '../deploy/audit-entries.js';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, MemoryRepo, parsePolicyText, runCheck, sha256Hex } from '@slipway/policy-core';
import { nativeSha256 } from '@slipway/policy-core/node';

const POLICY = 'version: 1\ndeploy:\n  environments:\n    production: {}\n';
const LOG = 'infrastructure/deploy-audit.jsonl';

/** A chained log of `n` promotes; `tamper` edits one entry's reason afterwards (AUD002 next line). */
function auditLog(n: number, tamper?: number): string {
  let prev = GENESIS_HASH;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = promoteLine({
      time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      to: String(i % 10).repeat(40),
      reason: `release ${i}`,
      prev,
    });
    lines.push(line);
    prev = sha256Hex(line);
  }
  if (tamper !== undefined) lines[tamper] = (lines[tamper] as string).replace('release', 'relEase');
  return `${lines.join('\n')}\n`;
}

describe('a host-supplied SHA-256 (runCheck({ sha256 }))', () => {
  const policy = parsePolicyText(POLICY).document;
  if (!policy) throw new Error('policy');

  it('verifies the audit chain with it, with the same findings as the pure one', () => {
    for (const text of [auditLog(50), auditLog(50, 20)]) {
      const repo = new MemoryRepo({ [LOG]: text });
      let calls = 0;
      const counting = (t: string) => {
        calls++;
        return nativeSha256(t);
      };
      const native = runCheck({ policy, repo, sha256: counting }).findings;
      const pure = runCheck({ policy, repo }).findings;
      expect(calls).toBe(50);
      expect(native).toEqual(pure);
    }
    const broken = runCheck({
      policy,
      repo: new MemoryRepo({ [LOG]: auditLog(50, 20) }),
      sha256: nativeSha256,
    });
    expect(broken.findings.map((f) => [f.rule, f.range.start.line])).toContainEqual(['AUD002', 21]);
  });

  it('is the same digest as the pure implementation, non-ASCII text included', () => {
    for (const t of ['', 'abc', 'café — ünïcode 😀', 'x'.repeat(10_000)])
      expect(nativeSha256(t)).toBe(sha256Hex(t));
  });
});
