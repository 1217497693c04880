import {
  type AuditEvent,
  formatAuditLine,
  GENESIS_HASH,
  readAuditLog,
  sha256Hex,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

function chain(n: number): string[] {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const ev: AuditEvent = {
      v: 1,
      time: `2026-01-0${1 + (i % 9)}T10:00:00Z`,
      event: 'PROMOTE',
      environment: 'production',
      from: null,
      to: String(i % 10).repeat(40),
      actor: { name: 'ada', kind: 'human' },
      outcome: 'succeeded',
      prev,
    };
    const line = formatAuditLine(ev);
    lines.push(line);
    prev = sha256Hex(line);
  }
  return lines;
}

const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('readAuditLog', () => {
  it('verifies an intact chain and its head', () => {
    const lines = chain(5);
    const log = readAuditLog(text(lines), sha256Hex(lines[4] as string));
    expect(log.issues).toEqual([]);
    expect(log.entries).toHaveLength(5);
    expect(log.lastHash).toBe(sha256Hex(lines[4] as string));
  });

  it('detects a deleted, an edited and a reordered entry', () => {
    const lines = chain(5);
    const deleted = [...lines.slice(0, 2), ...lines.slice(3)];
    expect(readAuditLog(text(deleted)).issues).toMatchObject([{ kind: 'chain', line: 2 }]);
    const edited = [...lines];
    edited[1] = (edited[1] as string).replace('"ada"', '"eve"');
    expect(readAuditLog(text(edited)).issues).toMatchObject([{ kind: 'chain', line: 2 }]);
    const swapped = [lines[0], lines[2], lines[1], lines[3]] as string[];
    expect(readAuditLog(text(swapped)).issues.map((i) => i.kind)).toEqual(['chain', 'chain', 'chain']);
    const headless = lines.slice(1);
    expect(readAuditLog(text(headless)).issues).toMatchObject([{ kind: 'chain', line: 0 }]);
  });

  it('detects a truncated tail through the head, and an unacknowledged tail', () => {
    const lines = chain(5);
    const head = sha256Hex(lines[4] as string);
    expect(readAuditLog(text(lines.slice(0, 4)), head).issues).toMatchObject([{ kind: 'head-missing' }]);
    expect(readAuditLog('', head).issues).toMatchObject([{ kind: 'head-missing' }]);
    expect(readAuditLog(text(lines), sha256Hex(lines[2] as string)).issues).toMatchObject([
      { kind: 'head-behind', line: 3, count: 2 },
    ]);
  });

  it('reports a torn last line and chains past malformed lines', () => {
    const lines = chain(3);
    const torn = `${text(lines)}${(lines[0] as string).slice(0, 30)}`;
    const log = readAuditLog(torn);
    expect(log.tornTail).toBe(true);
    expect(log.issues).toMatchObject([{ kind: 'malformed', line: 3, torn: true }]);
    expect(log.lastHash).toBe(sha256Hex(lines[2] as string));
    const garbage = [lines[0], '{"v":1}', lines[1], lines[2]] as string[];
    expect(readAuditLog(text(garbage)).issues).toMatchObject([{ kind: 'malformed', line: 1, torn: false }]);
  });
});
