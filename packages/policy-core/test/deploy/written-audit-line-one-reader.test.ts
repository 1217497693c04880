import {
  type AuditEvent,
  AUDIT_EVENTS,
  AUDIT_OUTCOMES,
  formatAuditLine,
  WrittenLineReader,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { isAuditEvent } from '../../src/deploy/audit-event-fast-check.js';
import { bytes, pick } from './written-line-fields.js';

/**
 * One reader reads a whole log, as `slipway metrics` does: it keeps the names and SHAs it has
 * met and compares the next line with them first. Whatever it kept, each line must read as
 * JSON.parse reads it: a name that starts like a kept one, a SHA other than the last, every
 * event, outcome and actor kind, and every hex digit.
 */

const HEX = '0123456789abcdef';
const sha = (k: number) => Array.from({ length: 40 }, (_, i) => HEX[(i + k) % 16]).join('');

const base: AuditEvent = {
  v: 1,
  time: '2026-03-02T10:00:00Z',
  event: 'PROMOTE',
  environment: 'production',
  from: sha(0),
  to: sha(1),
  actor: { name: 'ci', kind: 'ci' },
  outcome: 'succeeded',
  prev: `${HEX.repeat(4)}`,
};

/** Lines that share and differ in every way the reader's memory could confuse. */
const log: AuditEvent[] = [
  base,
  { ...base, environment: 'prod', from: sha(1), to: sha(2) },
  { ...base, environment: 'production', from: sha(2), to: sha(1) },
  { ...base, environment: 'prod-eu', from: null, to: sha(0) },
  ...AUDIT_EVENTS.map((event, i) => ({ ...base, event, from: sha(i + 3), to: sha(i) })),
  ...AUDIT_OUTCOMES.map((outcome, i) => ({ ...base, outcome, environment: `env-${i}`, to: sha(i + 5) })),
  { ...base, actor: { name: 'Ada Lovelace', kind: 'human' } },
  { ...base, actor: { name: 'bot~1', kind: 'agent' } },
  { ...base, reason: '~ ! ~', details: [' ', '~'] },
];

describe('WrittenLineReader: one reader over a whole log', () => {
  it('reads every line as JSON.parse does, whatever the lines before it were', () => {
    const reader = new WrittenLineReader();
    for (const e of log) {
      const line = formatAuditLine(e);
      expect(isAuditEvent(JSON.parse(line)), line).toBe(true);
      const b = bytes(line);
      expect(reader.fields(b, 0, b.length), line).toEqual(pick(e));
    }
  });

  it('reads the same lines from one buffer, line after line', () => {
    const text = `${log.map(formatAuditLine).join('\n')}\n`;
    const b = bytes(text);
    const reader = new WrittenLineReader();
    const got: unknown[] = [];
    for (let at = 0; at < b.length; ) {
      const end = reader.readLine(b, at, b.length);
      expect(end, text.slice(at, text.indexOf('\n', at))).toBe(text.indexOf('\n', at));
      const { event, environment, outcome, from, to } = reader;
      got.push({ event, environment, outcome, from, to, ms: reader.timeMs });
      at = end + 1;
    }
    expect(got).toEqual(
      log.map(({ event, environment, outcome, from, to, time }) => ({
        event,
        environment,
        outcome,
        from,
        to,
        ms: Date.parse(time),
      })),
    );
  });

  it('refuses an empty environment, which the event schema refuses too', () => {
    const line = formatAuditLine({ ...base, environment: '' });
    expect(isAuditEvent(JSON.parse(line))).toBe(false);
    const b = bytes(line);
    expect(new WrittenLineReader().fields(b, 0, b.length)).toBeUndefined();
  });

  // The shortcut reads only the layout formatAuditLine writes, where each key appears once.
  it('leaves to the chain reader a line with pin written twice', () => {
    const line = formatAuditLine({ ...base, pin: true }).replace('"pin":true,', '"pin":true,"pin":false,');
    expect(JSON.parse(line).pin).toBe(false);
    const b = bytes(line);
    expect(new WrittenLineReader().fields(b, 0, b.length)).toBeUndefined();
  });
});
