import type { AuditEvent } from '@slipway/policy-core';

// What the WrittenLineReader tests share: a line's bytes, and the fields the reader gives of an
// event, as JSON.parse of the same line gives them.

export const bytes = (s: string) => new TextEncoder().encode(s);

/** The fields WrittenLineReader reads, taken from an event. */
export const pick = (e: AuditEvent) => ({
  time: e.time,
  event: e.event,
  environment: e.environment,
  outcome: e.outcome,
  from: e.from,
  to: e.to,
});
