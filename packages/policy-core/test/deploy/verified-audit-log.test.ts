import { promoteLine } from './audit-entries.js';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, readAuditLog, sha256Hex, VerifiedAuditLogs } from '@slipway/policy-core';

function log(reasons: string[]): string {
  let prev = GENESIS_HASH;
  return reasons
    .map((reason, i) => {
      const line = promoteLine({ time: `2026-01-01T00:00:0${i}Z`, reason, prev });
      prev = sha256Hex(line);
      return `${line}\n`;
    })
    .join('');
}

describe('VerifiedAuditLogs (readAuditLog, remembering the last text)', () => {
  const logs = new VerifiedAuditLogs();
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
      expect(logs.verify(text, expected)).toEqual(readAuditLog(text, expected));
  });

  it('gives each caller its own object: a writer updating lastHash does not change the next answer', () => {
    const a = log(['one', 'two']);
    const first = logs.verify(a);
    first.lastHash = 'f'.repeat(64);
    first.tornTail = true;
    first.issues.push({ kind: 'head-missing', message: 'x' });
    const second = logs.verify(a);
    expect(second.lastHash).toBe(readAuditLog(a).lastHash);
    expect(second.tornTail).toBe(false);
    expect(second.issues).toEqual([]);
  });
});

describe('VerifiedAuditLogs: an earlier state of the log verified is answered from the later one', () => {
  const logs = new VerifiedAuditLogs();
  // Append-only history with every kind of per-line issue: a malformed line, an empty line, an
  // entry that breaks the chain, and a torn tail (an interrupted append).
  const good = log(['one', 'two', 'three', 'four', 'five']).split('\n').filter(Boolean);
  const broken = log(['x', 'y']).split('\n')[1] as string; // chains to another log's entry
  const lines = [good[0], good[1], 'not json', good[2], broken, good[3], '', good[4]];
  const full = `${lines.join('\n')}\n{"torn`;
  const heads = [undefined, ...good.map((l) => sha256Hex(l)), 'f'.repeat(64)];
  const refuse = () => {
    throw new Error('verified again instead of answered from the longer log');
  };

  it('every whole-line prefix, with every head, equals a fresh verification, without hashing again', () => {
    logs.verify(full, undefined);
    for (let n = 0; n <= lines.length; n++) {
      const prefix = lines
        .slice(0, n)
        .map((l) => `${l}\n`)
        .join('');
      for (const head of heads)
        expect(logs.verify(prefix, head, refuse), `${n} lines, head ${head?.slice(0, 6)}`).toEqual(
          readAuditLog(prefix, head),
        );
    }
  });

  it('the same text with another head is judged again only for its head', () => {
    logs.verify(full, undefined);
    for (const head of heads) expect(logs.verify(full, head, refuse)).toEqual(readAuditLog(full, head));
  });

  it('a text that is not a whole-line prefix is verified in full', () => {
    logs.verify(full, undefined);
    const cut = full.slice(0, full.indexOf('\n') + 5); // ends inside the second line
    expect(() => logs.verify(cut, undefined, refuse)).toThrow(/verified again/);
    const edited = full.replace('three', 'thrEe');
    logs.verify(full, undefined);
    expect(() => logs.verify(edited.slice(0, edited.lastIndexOf('\n') + 1), undefined, refuse)).toThrow(
      /verified again/,
    );
  });

  it('remembers for its owner only: another workspace verifies for itself', () => {
    logs.verify(full, undefined);
    expect(() => new VerifiedAuditLogs().verify(full, undefined, refuse)).toThrow(/verified again/);
  });
});
