import { baselineSchema, wellFormed } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * The baseline reader checks a well-formed file by hand and asks the schema only to word a
 * problem (baseline-file.ts): the hand check must never accept what the schema refuses. Each
 * value here goes through both; the hand check may refuse more, never less.
 */
const entry = { rule: 'MIG001', file: 'a.py', fingerprint: 'a'.repeat(32), occurrence: 1 };
const good: [string, unknown][] = [
  ['a good file', { version: 1, findings: [entry] }],
  ['no findings', { version: 1, findings: [] }],
];
const bad: [string, unknown][] = [
  ['another version', { version: 2, findings: [entry] }],
  ['a key too many', { version: 1, findings: [], hide: ['MIG001'] }],
  ['findings not a list', { version: 1, findings: {} }],
  ['a list, not an object', [1, []]],
  ['null', null],
  ['an entry with an extra key', { version: 1, findings: [{ ...entry, line: 3 }] }],
  ['an entry with a key missing', { version: 1, findings: [{ ...entry, occurrence: undefined }] }],
  ['a lower-case rule', { version: 1, findings: [{ ...entry, rule: 'mig001' }] }],
  ['an empty file', { version: 1, findings: [{ ...entry, file: '' }] }],
  ['a short fingerprint', { version: 1, findings: [{ ...entry, fingerprint: 'ab' }] }],
  ['an upper-case fingerprint', { version: 1, findings: [{ ...entry, fingerprint: 'A'.repeat(32) }] }],
  ['occurrence 0', { version: 1, findings: [{ ...entry, occurrence: 0 }] }],
  ['occurrence 1.5', { version: 1, findings: [{ ...entry, occurrence: 1.5 }] }],
  ['occurrence as text', { version: 1, findings: [{ ...entry, occurrence: '1' }] }],
  ['an entry that is a list', { version: 1, findings: [['MIG001']] }],
  ['__proto__ as a key', JSON.parse(`{"version": 1, "findings": [], "__proto__": {"x": 1}}`)],
];

/** Each check's verdict on a value: accepted or not, by hand and by the schema. */
const verdicts = (value: unknown) => ({
  byHand: wellFormed(value) !== undefined,
  bySchema: baselineSchema.safeParse(value).success,
});

// Every case asserts both verdicts (an assertion under `if (byHand)` checked 2 cases of 18).
describe('the hand check of a baseline agrees with its schema', () => {
  it.each(good)('accepts %s, by hand (the fast path runs) and by the schema', (_what, value) => {
    expect(verdicts(value)).toEqual({ byHand: true, bySchema: true });
  });

  it.each(bad)('refuses %s, by hand and by the schema', (_what, value) => {
    expect(verdicts(value)).toEqual({ byHand: false, bySchema: false });
  });
});
