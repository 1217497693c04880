import { describe, expect, it } from 'vitest';
import {
  formatAuditLine,
  GENESIS_HASH,
  readAuditLog,
  sha256Hex,
  verifiedAuditLog,
} from '@slipway/policy-core';

function log(reasons: string[]): string {
  let prev = GENESIS_HASH;
  return reasons
    .map((reason, i) => {
      const line = formatAuditLine({
        v: 1,
        time: `2026-01-01T00:00:0${i}Z`,
        event: 'PROMOTE',
        environment: 'production',
        from: null,
        to: 'a'.repeat(40),
        actor: { name: 'ada', kind: 'human' },
        reason,
        outcome: 'succeeded',
        prev,
      });
      prev = sha256Hex(line);
      return `${line}\n`;
    })
    .join('');
}

describe('verifiedAuditLog (readAuditLog, remembering the last text)', () => {
  it('answers as readAuditLog does, for the same text twice, another text, another head', () => {
    const a = log(['one', 'two', 'three']);
    const b = log(['one', 'two']);
    const head = readAuditLog(a).lastHash;
    for (const [text, expected] of [
      [a, undefined],
      [a, undefined],
      [a, head],
      [b, head],
      [b, undefined],
      [`${a}{"torn`, head],
    ] as const)
      expect(verifiedAuditLog(text, expected)).toEqual(readAuditLog(text, expected));
  });

  it('gives each caller its own object: a writer updating lastHash does not change the next answer', () => {
    const a = log(['one', 'two']);
    const first = verifiedAuditLog(a);
    first.lastHash = 'f'.repeat(64);
    first.tornTail = true;
    first.issues.push({ kind: 'head-missing', message: 'x' });
    const second = verifiedAuditLog(a);
    expect(second.lastHash).toBe(readAuditLog(a).lastHash);
    expect(second.tornTail).toBe(false);
    expect(second.issues).toEqual([]);
  });
});
