import { type AuditEvent, formatAuditLine, WrittenLineReader } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { isAuditEvent } from '../../src/deploy/audit-event-fast-check.js';
import { bytes, pick } from './written-line-fields.js';

const fieldsOf = (line: string) => {
  const b = bytes(line);
  return new WrittenLineReader().fields(b, 0, b.length);
};

const base: AuditEvent = {
  v: 1,
  time: '2026-03-02T10:00:00Z',
  event: 'PROMOTE',
  environment: 'production',
  from: 'a'.repeat(40),
  to: 'b'.repeat(40),
  actor: { name: 'ci', kind: 'ci' },
  outcome: 'succeeded',
  prev: 'c'.repeat(64),
};
// What formatAuditLine writes, with each optional key present and absent.
const written: AuditEvent[] = [
  base,
  { ...base, from: null, to: null, event: 'UNPIN', outcome: 'started' },
  { ...base, reason: 'hotfix #12', pin: true, event: 'SYSTEM_CORRECTION_EVENT' },
  { ...base, pin: false, details: [] },
  { ...base, reason: '', details: ['health: 503', 'b'], time: '2026-03-02T10:00:00.25+01:00' },
];

describe('WrittenLineReader: the lines Slipway writes, read from their bytes', () => {
  it('reads every field the figures use, and where prev is, from a line as formatAuditLine writes it', () => {
    for (const e of written) {
      const line = formatAuditLine(e);
      const reader = new WrittenLineReader();
      const b = bytes(line);
      expect(reader.fields(b, 0, b.length)).toEqual(pick(e));
      expect(line.slice(reader.prevAt, reader.prevAt + 64)).toBe(e.prev);
    }
  });

  it('leaves to the chain reader what JSON accepts but Slipway does not write: spaces, escapes, other orders, non-ASCII', () => {
    const line = formatAuditLine(base);
    for (const near of [
      line.replace('"event":', '"event": '),
      line.replace('"ci","kind"', '"c\\u0069","kind"'),
      formatAuditLine({ ...base, actor: { name: 'Zoë', kind: 'human' } }),
      JSON.stringify({ ...base, time: base.time, v: 1 }).replace('{"v":1,"time"', '{"time"'),
      `${line}\r`,
    ]) {
      expect(JSON.parse(near.replace(/\r$/, ''))).toBeTruthy();
      expect(fieldsOf(near)).toBeUndefined();
    }
  });

  it('refuses what the event schema refuses: a bad time, an unknown event, an upper-case SHA, an empty name', () => {
    for (const bad of [
      { ...base, time: '2026-02-30T10:00:00Z' },
      { ...base, event: 'DEPLOY' },
      { ...base, to: 'B'.repeat(40) },
      { ...base, actor: { name: '', kind: 'ci' } },
      { ...base, actor: { name: 'x', kind: 'robot' } },
      { ...base, outcome: 'done' },
      { ...base, prev: 'c'.repeat(63) },
    ] as AuditEvent[]) {
      expect(isAuditEvent(JSON.parse(formatAuditLine(bad)))).toBe(false);
      expect(fieldsOf(formatAuditLine(bad))).toBeUndefined();
    }
  });

  // Every one-character change to every written line: whatever the reader accepts, JSON.parse and
  // the schema accept too, with the same values. So a forged or hand-edited line never gets past
  // the shortcut with a reading of its own: it is either read as the chain reader reads it, or left to it.
  it('accepts no changed line that JSON and the schema would read differently', () => {
    let accepted = 0;
    let refused = 0;
    for (const e of written) {
      const line = formatAuditLine(e);
      for (let i = 0; i < line.length; i++) {
        for (const c of ['', ' ', '"', '\\', ',', '}', '0', 'f', 'X', '\u00e9', '\t']) {
          const changed = line.slice(0, i) + c + line.slice(i + 1);
          const fields = fieldsOf(changed);
          if (!fields) {
            refused++;
            continue;
          }
          accepted++;
          const parsed = JSON.parse(changed);
          expect(isAuditEvent(parsed), changed).toBe(true);
          expect(fields, changed).toEqual(pick(parsed));
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });

  // readLine reads a line before its end is known, from a buffer of several lines: it must find
  // the same end and accept exactly what `read` accepts of the line cut at its first \n. Every
  // one-character change (a line break and a CR among them) of every written line, followed by
  // another line, is read both ways.
  it('finds the line end itself, and accepts exactly what read accepts of the line cut at its break', () => {
    let accepted = 0;
    for (const e of written) {
      const line = formatAuditLine(e);
      for (let i = 0; i < line.length; i++) {
        for (const c of ['', '\n', '\r', ' ', '"', '}', '0', 'X']) {
          const b = bytes(`${line.slice(0, i) + c + line.slice(i + 1)}\n${line}\n`);
          const nl = b.indexOf(10);
          const reader = new WrittenLineReader();
          const got = reader.readLine(b, 0, b.length);
          const fields = got === -1 ? undefined : pick(reader as unknown as AuditEvent);
          const expected = new WrittenLineReader().fields(b, 0, nl);
          expect(got, `${i} ${JSON.stringify(c)}`).toBe(expected ? nl : -1);
          if (expected) {
            accepted++;
            expect({ ...fields, time: expected.time }).toEqual(expected);
          }
        }
      }
      // Unchanged, each line of the buffer in turn.
      const b = bytes(`${line}\n${line}\n`);
      const reader = new WrittenLineReader();
      expect(reader.readLine(b, 0, b.length)).toBe(line.length);
      expect(reader.readLine(b, line.length + 1, b.length)).toBe(2 * line.length + 1);
      // A CRLF line is the chain reader's (as `read` leaves it), and so is a last line with no
      // break after it (torn).
      expect(reader.readLine(bytes(`${line}\r\n${line}\n`), 0, 2 * line.length + 3)).toBe(-1);
      expect(reader.readLine(b, line.length + 1, b.length - 1)).toBe(-1);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
