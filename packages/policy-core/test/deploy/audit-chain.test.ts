import { promoteLine } from './audit-entries.js';
import {
  type AuditEvent,
  formatAuditLine,
  GENESIS_HASH,
  LIMITS,
  readAuditLog,
  sha256Hex,
  unreadLogIssue,
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

  it('says whether the first entry or a later one left the chain', () => {
    const lines = chain(4);
    const first = 'the first entry does not start the chain: an earlier entry was deleted';
    const later =
      'this entry does not chain to the entry before it: an entry was deleted, edited or reordered';
    expect(readAuditLog(text(lines.slice(1))).issues).toEqual([{ kind: 'chain', line: 0, message: first }]);
    expect(readAuditLog(text([lines[0], lines[2], lines[3]] as string[])).issues).toEqual([
      { kind: 'chain', line: 1, message: later },
    ]);
    // Past a malformed first line, the first valid entry is still the first of the chain.
    expect(readAuditLog(text(['{"v":1}', ...lines.slice(1)])).issues).toMatchObject([
      { kind: 'malformed', line: 0 },
      { kind: 'chain', line: 1, message: first },
    ]);
  });

  it('tells a line cut off by an interrupted write from one that is not JSON, and names the bad field', () => {
    const lines = chain(2);
    const cut = (lines[1] as string).slice(0, 30);
    expect(readAuditLog(`${text(lines)}${cut}`).issues).toEqual([
      { kind: 'malformed', line: 2, message: 'the last line is cut off (an interrupted write)', torn: true },
    ]);
    expect(readAuditLog(text([lines[0] as string, cut, lines[1] as string])).issues).toEqual([
      { kind: 'malformed', line: 1, message: 'the line is not valid JSON', torn: false },
    ]);
    const badPrev = (lines[1] as string).replace(/"prev":"[0-9a-f]{64}"/, '"prev":"not-a-hash"');
    expect(readAuditLog(text([lines[0] as string, badPrev])).issues).toEqual([
      {
        kind: 'malformed',
        line: 1,
        message: 'the line is not an audit event: `prev` must be the 64-hex SHA-256 of the previous line',
        torn: false,
      },
    ]);
    // A field inside another is named by its whole path.
    const robot = (lines[0] as string).replace('"kind":"human"', '"kind":"robot"');
    expect(readAuditLog(text([robot])).issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message:
          'the line is not an audit event: `actor.kind` Invalid option: expected one of "human"|"agent"|"ci"',
        torn: false,
      },
    ]);
    // Not an object at all: there is no field to name.
    expect(readAuditLog(text(['[]'])).issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message: 'the line is not an audit event: Invalid input: expected object, received array',
        torn: false,
      },
    ]);
  });

  it('reads a line of exactly the most characters an event may have, and refuses one more', () => {
    const most = LIMITS.auditLog.lineChars;
    const event = (reason: string): string =>
      promoteLine({ time: '2026-01-01T10:00:00Z', reason, prev: GENESIS_HASH });
    const longest = event('x'.repeat(most - event('').length));
    expect(longest).toHaveLength(most);
    const atLimit = readAuditLog(`${longest}\n`);
    expect(atLimit.issues).toEqual([]);
    expect(atLimit.entries).toHaveLength(1);
    const past = readAuditLog(`${event('x'.repeat(most + 1 - event('').length))}\n`);
    expect(past.entries).toEqual([]);
    expect(past.issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message: 'the line is 1.0 MB, more than one event may be (1.0 MB)',
        torn: false,
      },
    ]);
  });

  it('refuses a log too large or not text whole, saying why and what to do', () => {
    const archive =
      'so its chain cannot be verified; move old entries to an archive the policy does not name';
    expect(unreadLogIssue(300 * 1024 * 1024)).toEqual({
      kind: 'malformed',
      line: 0,
      message: `the audit log is 300 MB, more than the 256 MB Slipway reads, ${archive}`,
      torn: false,
      whole: true,
    });
    const tooManyLines = readAuditLog('\n'.repeat(LIMITS.auditLog.lines + 1));
    expect(tooManyLines.issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message: `the audit log has more than 1,000,000 lines, the most Slipway reads, ${archive}`,
        torn: false,
        whole: true,
      },
    ]);
    const binary = readAuditLog(`\0${text(chain(1))}`);
    expect(binary.issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message:
          'the audit log is not UTF-8 text (binary content or another encoding), so its chain cannot be verified; restore it from git',
        torn: false,
        whole: true,
      },
    ]);
    expect(binary.entries).toEqual([]);
  });

  it('says how the log and the record disagree about the head', () => {
    const lines = chain(4);
    const head = sha256Hex(lines[3] as string);
    expect(readAuditLog('', head).issues).toEqual([
      {
        kind: 'head-missing',
        message: "the record's audit_head names an entry but the audit log is empty: it was truncated",
      },
    ]);
    expect(readAuditLog(text(lines.slice(0, 3)), head).issues).toEqual([
      {
        kind: 'head-missing',
        message: "the record's audit_head matches no entry: the log's tail was truncated or edited",
      },
    ]);
    const interrupted =
      'logged after the record was last written: a promote or rollback was interrupted (or is running)';
    expect(readAuditLog(text(lines), sha256Hex(lines[2] as string)).issues).toEqual([
      { kind: 'head-behind', line: 3, count: 1, message: `1 entry was ${interrupted}` },
    ]);
    expect(readAuditLog(text(lines), sha256Hex(lines[1] as string)).issues).toEqual([
      { kind: 'head-behind', line: 2, count: 2, message: `2 entries were ${interrupted}` },
    ]);
    expect(readAuditLog(text(lines), head).issues).toEqual([]);
  });

  it('reports a blank line inside the log, and lets the blank tail of an interrupted append be', () => {
    const lines = chain(2);
    expect(readAuditLog(text([lines[0] as string, '  ', lines[1] as string])).issues).toEqual([
      { kind: 'malformed', line: 1, message: 'empty line in the audit log', torn: false },
    ]);
    expect(readAuditLog(`${text(lines)}  `).issues).toEqual([]);
  });

  it('reads the lines before a bad byte further down, and refuses a log that is binary from its first line', () => {
    const lines = chain(2);
    // A crash's NUL-filled tail: a finding on that line, the entries before it verified.
    const nulTail = readAuditLog(`${text(lines)}\0\0\0\0`);
    expect(nulTail.entries).toHaveLength(2);
    expect(nulTail.issues).toEqual([
      { kind: 'malformed', line: 2, message: 'the last line is cut off (an interrupted write)', torn: true },
    ]);
    // A NUL on the last line of a log that does not end its first line.
    expect(readAuditLog('\0').issues).toMatchObject([{ kind: 'malformed', line: 0, whole: true }]);
    expect(readAuditLog(`${lines[0]}\0`).issues).toMatchObject([{ kind: 'malformed', line: 0, whole: true }]);
  });

  it('reads a log of exactly the most characters it may have, and refuses one more unread', () => {
    const most = LIMITS.auditLog.chars;
    // One line of that size: read, and refused as a line (no event is that long).
    const atLimit = readAuditLog(`${'x'.repeat(most - 1)}\n`);
    expect(atLimit.lineCount).toBe(1);
    expect(atLimit.issues).toEqual([
      {
        kind: 'malformed',
        line: 0,
        message: 'the line is 256 MB, more than one event may be (1.0 MB)',
        torn: false,
      },
    ]);
    expect(readAuditLog(`${'x'.repeat(most)}\n`)).toEqual({
      entries: [],
      issues: [unreadLogIssue(most + 1)],
      lastHash: GENESIS_HASH,
      tornTail: false,
      lineCount: 0,
    });
    // Both round to 256 MB there: the message counts characters instead, so it does not read
    // "256 MB, more than the 256 MB".
    expect(unreadLogIssue(most + 1).message).toBe(
      `the audit log is ${(most + 1).toLocaleString('en-US')} characters, more than the ${most.toLocaleString('en-US')} Slipway reads, so its chain cannot be verified; move old entries to an archive the policy does not name`,
    );
  });
});
