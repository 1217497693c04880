import { auditEventSchema } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { isAuditEvent } from '../../src/deploy/audit-event-fast-check.js';

const base = {
  v: 1,
  time: '2026-01-09T10:00:00.5+01:00',
  event: 'PROMOTE',
  environment: 'production',
  from: null,
  to: 'a'.repeat(40),
  actor: { name: 'ada', kind: 'human' },
  reason: 'r',
  outcome: 'succeeded',
  details: ['x'],
  prev: '0'.repeat(64),
};

// One change at a time to every field: wrong types, bad values, missing, extra keys.
const mutations: [string, (o: Record<string, unknown>) => void][] = [
  ['valid', () => {}],
  [
    'no reason/details',
    (o) => {
      delete o.reason;
      delete o.details;
    },
  ],
  [
    'v 2',
    (o) => {
      o.v = 2;
    },
  ],
  [
    'v "1"',
    (o) => {
      o.v = '1';
    },
  ],
  [
    'time no offset',
    (o) => {
      o.time = '2026-01-09T10:00:00';
    },
  ],
  [
    'time feb 30',
    (o) => {
      o.time = '2026-02-30T10:00:00Z';
    },
  ],
  [
    'time feb 29 leap',
    (o) => {
      o.time = '2024-02-29T10:00:00Z';
    },
  ],
  [
    'time feb 29 non-leap',
    (o) => {
      o.time = '2025-02-29T10:00:00Z';
    },
  ],
  [
    'time hour 25',
    (o) => {
      o.time = '2026-01-09T25:00:00Z';
    },
  ],
  [
    'event unknown',
    (o) => {
      o.event = 'DEPLOY';
    },
  ],
  [
    'environment empty',
    (o) => {
      o.environment = '';
    },
  ],
  [
    'from short',
    (o) => {
      o.from = 'abc';
    },
  ],
  [
    'from sha',
    (o) => {
      o.from = 'b'.repeat(40);
    },
  ],
  [
    'to missing',
    (o) => {
      delete o.to;
    },
  ],
  [
    'to upper',
    (o) => {
      o.to = 'A'.repeat(40);
    },
  ],
  [
    'actor extra',
    (o) => {
      o.actor = { name: 'a', kind: 'ci', email: 'x' };
    },
  ],
  [
    'actor kind',
    (o) => {
      o.actor = { name: 'a', kind: 'bot' };
    },
  ],
  [
    'actor name empty',
    (o) => {
      o.actor = { name: '', kind: 'ci' };
    },
  ],
  [
    'actor array',
    (o) => {
      o.actor = [];
    },
  ],
  [
    'reason number',
    (o) => {
      o.reason = 1;
    },
  ],
  [
    'reason null',
    (o) => {
      o.reason = null;
    },
  ],
  [
    'outcome',
    (o) => {
      o.outcome = 'ok';
    },
  ],
  [
    'details string',
    (o) => {
      o.details = 'x';
    },
  ],
  [
    'details numbers',
    (o) => {
      o.details = [1];
    },
  ],
  // `pin` (optional boolean, added later: lines without it stay valid).
  [
    'pin true',
    (o) => {
      o.pin = true;
    },
  ],
  [
    'pin false',
    (o) => {
      o.pin = false;
    },
  ],
  [
    'pin "true"',
    (o) => {
      o.pin = 'true';
    },
  ],
  [
    'pin null',
    (o) => {
      o.pin = null;
    },
  ],
  [
    'pin 1',
    (o) => {
      o.pin = 1;
    },
  ],
  [
    'prev short',
    (o) => {
      o.prev = '0'.repeat(63);
    },
  ],
  [
    'prev long: a 65th hex digit',
    (o) => {
      o.prev = '0'.repeat(65);
    },
  ],
  [
    'to long: a 41st hex digit',
    (o) => {
      o.to = 'a'.repeat(41);
    },
  ],
  // Every hex digit, and the characters on either side of each range ('/' ':' '`' 'g').
  [
    'to every hex digit',
    (o) => {
      o.to = '0123456789abcdef'.repeat(3).slice(0, 40);
    },
  ],
  ...['/', ':', '`', 'g'].map(
    (c) =>
      [
        `prev with '${c}'`,
        (o: Record<string, unknown>) => {
          o.prev = `${'0'.repeat(63)}${c}`;
        },
      ] as [string, (o: Record<string, unknown>) => void],
  ),
  // Each kind of actor the schema allows.
  [
    'actor an agent',
    (o) => {
      o.actor = { name: 'claude', kind: 'agent' };
    },
  ],
  [
    'actor ci',
    (o) => {
      o.actor = { name: 'github-actions', kind: 'ci' };
    },
  ],
  [
    'extra key',
    (o) => {
      o.extra = 1;
    },
  ],
  ['null', () => {}],
];

describe('isAuditEvent agrees with auditEventSchema', () => {
  it.each(mutations)('%s', (name, mutate) => {
    const o: Record<string, unknown> = structuredClone(base);
    mutate(o);
    const value = name === 'null' ? null : o;
    expect(isAuditEvent(value)).toBe(auditEventSchema.safeParse(value).success);
  });

  it('accepts a boolean pin and rejects any other (so the cases above test both sides)', () => {
    for (const [pin, ok] of [
      [true, true],
      [false, true],
      ['true', false],
      [null, false],
    ] as const) {
      const o = { ...structuredClone(base), pin };
      expect([isAuditEvent(o), auditEventSchema.safeParse(o).success]).toEqual([ok, ok]);
    }
  });
});
