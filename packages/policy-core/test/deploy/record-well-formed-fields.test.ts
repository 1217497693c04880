import { parseDeployRecord, wellFormedAuditHead, wellFormedLastGoodSha } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * The record's last_good_sha and audit_head are still read from a record with an unrelated
 * problem (an unknown key, a bad time): the audit log's tail check and the git rules must not
 * switch off because of it. A value that is itself malformed, or a record that is no object, gives none.
 */

const SHA = 'a'.repeat(40);
const HEAD = 'c'.repeat(64);
const both = (text: string) => {
  const parsed = parseDeployRecord(text);
  return { sha: wellFormedLastGoodSha(parsed), head: wellFormedAuditHead(parsed) };
};

describe('the well-formed fields of a record', () => {
  it('reads them from a valid record', () => {
    expect(
      both(`{"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z", "audit_head": "${HEAD}"}`),
    ).toEqual({
      sha: SHA,
      head: HEAD,
    });
  });

  it('reads them from a record with an unrelated problem', () => {
    const text = `{"last_good_sha": "${SHA}", "deployed_at": "yesterday", "audit_head": "${HEAD}", "extra": 1}`;
    expect(parseDeployRecord(text).record).toBeUndefined();
    expect(both(text)).toEqual({ sha: SHA, head: HEAD });
  });

  it('gives none for a malformed value: short, upper case, swapped, not a string', () => {
    for (const [sha, head] of [
      [`"${SHA.slice(1)}"`, `"${HEAD.slice(1)}"`],
      [`"${SHA.toUpperCase()}"`, `"${HEAD.toUpperCase()}"`],
      [`"${HEAD}"`, `"${SHA}"`],
      ['40', 'null'],
    ])
      expect(
        both(`{"last_good_sha": ${sha}, "deployed_at": "2025-01-27T14:03:00Z", "audit_head": ${head}}`),
      ).toEqual({
        sha: undefined,
        head: undefined,
      });
  });

  it('gives none when the record is not a JSON object, or not JSON', () => {
    for (const text of [`["${SHA}"]`, 'null', `"${SHA}"`, '{', `{"last_good_sha": "${SHA}",}`])
      expect(both(text)).toEqual({ sha: undefined, head: undefined });
  });

  // An array holding the keys by name must not be read as the record.
  it('does not read the keys off an array', () => {
    const parsed = parseDeployRecord('[]');
    const raw = parsed.raw as unknown[] & Record<string, unknown>;
    raw.last_good_sha = SHA;
    raw.audit_head = HEAD;
    expect([wellFormedLastGoodSha(parsed), wellFormedAuditHead(parsed)]).toEqual([undefined, undefined]);
  });
});
