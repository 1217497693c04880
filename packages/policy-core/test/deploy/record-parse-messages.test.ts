import { parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * What each kind of record problem says: the reader of a finding sees only the message and the
 * span, so each names the key, what it holds and what to write instead.
 */

const SHA = 'a'.repeat(40);
const GOOD = `"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z"`;
const MiB = 1024 * 1024;

/** The one problem of `text`, as rule, the text its span covers, and message. */
function only(text: string) {
  const problems = parseDeployRecord(text).problems.map((p) => ({
    rule: p.rule,
    at: text.slice(p.start, p.end),
    message: p.message,
  }));
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('deploy record: the text itself', () => {
  // A record over the cap is not parsed at all; at the cap it is read as any other.
  it('refuses a record over 4 MB before reading it, and reads one of exactly 4 MB', () => {
    const pad = (total: number) => {
      const head = `{${GOOD}, "reason": "`;
      return `${head}${'x'.repeat(total - head.length - 2)}"}`;
    };
    expect(pad(4 * MiB)).toHaveLength(4 * MiB);
    expect(parseDeployRecord(pad(4 * MiB)).problems).toEqual([]);
    const over = parseDeployRecord(pad(4 * MiB + 1));
    expect(over.raw).toBeUndefined();
    expect(over.problems).toEqual([
      {
        rule: 'REC001',
        message:
          'The deploy record is 4.0 MB, more than the 4.0 MB a record may be (it holds one deploy and a bounded history); restore it from git or rewrite it with `slipway promote`.',
        start: 0,
        end: 0,
      },
    ]);
  });

  it('points at the first byte that is not text', () => {
    const text = `{${GOOD}, "reason": "a\u0000b"}`;
    expect(only(text)).toEqual({
      rule: 'REC001',
      at: '\u0000',
      message:
        'The deploy record is not UTF-8 text (binary content or another encoding); restore it from git or rewrite it with `slipway promote`.',
    });
  });

  it('words a syntax error as JSON, at the character where the text stops being JSON', () => {
    expect(only(`{${GOOD},}`)).toEqual({
      rule: 'REC001',
      at: '}',
      message:
        "The deploy record is not valid JSON: expected a quoted key, found '}'; restore it from git or rewrite it with `slipway promote`.",
    });
  });
});

describe('deploy record: a value of the wrong kind', () => {
  // Every key that holds a commit SHA files a malformed one under REC002, at the value.
  it.each([
    ['last_good_sha', `{"last_good_sha": "abc", "deployed_at": "2025-01-27T14:03:00Z"}`],
    ['previous_sha', `{${GOOD}, "previous_sha": "abc"}`],
    ['rolled_back_from', `{${GOOD}, "rolled_back_from": "abc"}`],
    [
      'history.0.sha',
      `{${GOOD}, "history": [{"event": "PROMOTE", "sha": "abc", "deployed_at": "2025-01-27T14:03:00Z"}]}`,
    ],
    [
      'history.0.rolled_back_from',
      `{${GOOD}, "history": [{"event": "PROMOTE", "sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z", "rolled_back_from": "abc"}]}`,
    ],
  ])('a malformed %s is REC002', (key, text) => {
    expect(only(text)).toMatchObject({
      rule: 'REC002',
      at: '"abc"',
      message: expect.stringMatching(
        new RegExp(`^\`${key}\` is not a commit SHA: it .+; write the full 40-hex SHA`),
      ),
    });
  });

  it('names where a nested unknown key is', () => {
    expect(only(`{${GOOD}, "actor": {"name": "ada", "kind": "human", "team": "ops"}}`)).toEqual({
      rule: 'REC001',
      at: '"team"',
      message: 'Unknown key "team" in the deploy record at actor; remove it or fix its spelling.',
    });
  });

  // A missing SHA or time is the record's shape (REC001), not a malformed value (REC002, REC003).
  it('files a missing SHA or time as a missing key, at the object', () => {
    expect(only('{"last_good_sha": "' + SHA + '"}')).toEqual({
      rule: 'REC001',
      at: '{',
      message:
        'The deploy record lacks the required key "deployed_at"; add it (`slipway promote` writes a complete record).',
    });
    expect(
      only(`{${GOOD}, "history": [{"event": "PROMOTE", "deployed_at": "2025-01-27T14:03:00Z"}]}`),
    ).toMatchObject({
      rule: 'REC001',
      at: '{',
      message: expect.stringContaining('lacks the required key "history.0.sha"'),
    });
  });

  it('says a bad time in the words of the timestamp check, at the value', () => {
    expect(only(`{"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T10:00Z"}`)).toEqual({
      rule: 'REC003',
      at: '"2025-01-27T10:00Z"',
      message: '`deployed_at` has no seconds; write hh:mm:ss, e.g. 2025-01-27T14:03:00Z.',
    });
  });

  it('names the key of any other problem, and what zod says of it', () => {
    expect(only(`{${GOOD}, "environment": ""}`)).toMatchObject({
      rule: 'REC001',
      at: '""',
      message: expect.stringMatching(/^`environment` in the deploy record: .+\.$/),
    });
  });

  it('says what an audit_head must be: the SHA-256 of a log line, in lowercase hex', () => {
    const problem = only(`{${GOOD}, "audit_head": "${'A'.repeat(64)}"}`);
    expect(problem?.at).toBe(`"${'A'.repeat(64)}"`);
    expect(problem?.message).toContain('must be a 64-character lowercase hex SHA-256');
  });

  // zod checks the size cap on whatever has a length: a history that is no list is one
  // finding, its type, not also "1001 entries".
  it('says a history longer than the cap but no list is of the wrong type, once', () => {
    expect(only(`{${GOOD}, "history": "${'h'.repeat(1001)}"}`)).toMatchObject({
      rule: 'REC001',
      message: expect.stringContaining('`history` must be a JSON array, not the string "hhhh'),
    });
    expect(only(`{${GOOD}, "history": {"length": 2000}}`)).toMatchObject({
      rule: 'REC001',
      message: expect.stringContaining('`history` must be a JSON array, not a JSON object'),
    });
  });

  it.each([
    ['reason', 'true', '`reason` must be a string, not the boolean true'],
    ['pinned', '{}', '`pinned` must be a boolean (true or false), not a JSON object'],
    // A long string or number is cut at 40 characters; one of 40 is shown whole.
    ['pinned', `"${'y'.repeat(41)}"`, `not the string "${'y'.repeat(40)}…";`],
    ['pinned', `"${'y'.repeat(40)}"`, `not the string "${'y'.repeat(40)}";`],
    ['pinned', `1${'0'.repeat(40)}`, `not the number 1${'0'.repeat(39)}…;`],
    ['pinned', `1${'0'.repeat(39)}`, `not the number 1${'0'.repeat(39)};`],
  ])('%s: %s', (key, value, says) => {
    const p = only(`{${GOOD}, "${key}": ${value}}`);
    expect(p).toMatchObject({ rule: 'REC001', at: value });
    expect(p?.message).toContain(says);
    expect(p?.message).toMatch(/; fix the value \(`slipway promote` writes a valid record\)\.$/);
  });
});
