import { type AuditEvent, formatAuditLine, GENESIS_HASH, sha256Hex } from '@slipway/policy-core';

export const FROM_SHA = 'a'.repeat(40);
export const TO_SHA = 'b'.repeat(40);

/**
 * Audit log lines as Slipway writes them, each chained to the one before it: a succeeded
 * production PROMOTE by CI unless an event says otherwise, each made distinct by its reason
 * (`r<i>`) and its minute.
 */
export function chainedLines(events: readonly Partial<AuditEvent>[]): string[] {
  let prev = GENESIS_HASH;
  return events.map((e, i) => {
    const line = formatAuditLine({
      v: 1,
      time: `2026-01-09T10:${String(i).padStart(2, '0')}:00Z`,
      event: 'PROMOTE',
      environment: 'production',
      from: FROM_SHA,
      to: TO_SHA,
      actor: { name: 'ci', kind: 'ci' },
      reason: `r${i}`,
      outcome: 'succeeded',
      ...e,
      prev,
    });
    prev = sha256Hex(line);
    return line;
  });
}

/** `n` chained lines of the same event. */
export const sameEvents = (n: number, event: Partial<AuditEvent> = {}): string[] =>
  chainedLines(Array.from({ length: n }, () => event));

/** The log's text: each line ended by a newline. */
export const logText = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');
