import { parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SHA = 'a'.repeat(40);
const GOOD = `"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z"`;

/** Each problem as rule, the text its range covers, and its message. */
function problems(text: string) {
  return parseDeployRecord(text).problems.map((p) => ({
    rule: p.rule,
    at: text.slice(p.start, p.end),
    message: p.message,
  }));
}

describe('deploy record: a key with the wrong type is not a missing key', () => {
  it.each([
    ['pinned', '"yes"', 'REC001', '`pinned` must be a boolean (true or false), not the string "yes"'],
    ['history', '"none"', 'REC001', '`history` must be a JSON array, not the string "none"'],
    ['actor', '"bob"', 'REC001', '`actor` must be a JSON object, not the string "bob"'],
    ['pinned', 'null', 'REC001', '`pinned` must be a boolean (true or false), not null'],
  ])('%s: %s', (key, value, rule, message) => {
    const text = `{${GOOD}, "${key}": ${value}}`;
    const [p, ...rest] = problems(text);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule, at: value });
    expect(p?.message).toContain(message);
    expect(p?.message).not.toContain('lacks');
  });

  it('a required SHA or time of the wrong type goes to REC002 / REC003 at the value', () => {
    const text = '{"last_good_sha": 123, "deployed_at": 12345}';
    expect(problems(text)).toEqual([
      {
        rule: 'REC002',
        at: '123',
        message: expect.stringContaining(
          '`last_good_sha` must be a string holding a full 40-character commit SHA, not the number 123',
        ),
      },
      {
        rule: 'REC003',
        at: '12345',
        message: expect.stringContaining('`deployed_at` must be a string holding an ISO 8601 date-time'),
      },
    ]);
  });

  it.each([
    ['[]', 'a JSON array'],
    ['null', 'null'],
    ['"LAST_PROD_DEPLOY"', 'the string "LAST_PROD_DEPLOY"'],
    ['42', 'the number 42'],
  ])('a record that is %s must be a JSON object', (text, what) => {
    expect(problems(text)).toEqual([
      {
        rule: 'REC001',
        at: text,
        message: `The deploy record must be a JSON object with "last_good_sha" and "deployed_at", not ${what}; restore it from git or rewrite it with \`slipway promote\`.`,
      },
    ]);
  });

  it('a key that is really absent is still reported as missing, at the object, nested ones too', () => {
    const text = `{"deployed_at": "2025-01-27T14:03:00Z", "actor": {"name": "ada"}}`;
    const got = problems(text);
    expect(got.map((p) => p.message)).toEqual([
      expect.stringContaining('lacks the required key "last_good_sha"'),
      expect.stringContaining('lacks the required key "actor.kind"'),
    ]);
    expect(got.every((p) => p.at.startsWith('{'))).toBe(true);
    expect(got.some((p) => p.message.includes('""'))).toBe(false);
  });

  it('near misses: the right types, false and empty values are valid', () => {
    const text = `{${GOOD}, "pinned": false, "history": [], "actor": {"name": "bob", "kind": "human"}, "reason": ""}`;
    expect(problems(text)).toEqual([]);
  });
});
