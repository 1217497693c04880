import { MemoryRepo, type PolicyDocument, parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../src/deploy/json-with-ranges.js';
import { deployRecordFamily } from '../../../src/rules/families.js';

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const NOW = new Date('2026-01-10T12:00:00Z');
const SHA = '0123456789abcdef0123456789abcdef01234567';

function policy(deployExtra = ''): PolicyDocument {
  const parsed = parsePolicyText(
    `version: 1\nproduction_branch: main\ndeploy:\n  record: ${REC}\n${deployExtra}`,
  );
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
}

function check(record: string, deployExtra = '') {
  return deployRecordFamily.check({
    policy: policy(deployExtra),
    repo: new MemoryRepo({ [REC]: record }),
    now: NOW,
    env: {},
  }).findings;
}

const entry = (i: number) =>
  `    {"event": "PROMOTE", "sha": "${SHA}", "deployed_at": "2026-01-0${1 + (i % 8)}T10:00:00Z"}`;
const withHistory = (n: number) =>
  `{\n  "last_good_sha": "${SHA}",\n  "deployed_at": "2026-01-09T10:00:00Z",\n  "history": [\n${Array.from({ length: n }, (_, i) => entry(i)).join(',\n')}\n  ]\n}\n`;

describe('REC001: the record against the policy', () => {
  it('a history longer than deploy.history_limit, at the `history` key, with the policy line', () => {
    const f = check(withHistory(25), '  history_limit: 5\n');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      rule: 'REC001',
      severity: 'error',
      file: REC,
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 11 } },
      related: [{ file: 'slipway.yaml', range: { start: { line: 4 } }, message: 'deploy.history_limit: 5' }],
    });
    expect(f[0]?.message).toBe(
      '`history` has 25 entries, but the policy keeps 5 (deploy.history_limit), and the next promote or rollback drops the oldest 20; delete them from the end of the list, or raise deploy.history_limit.',
    );
  });

  it('near misses: at the limit, under the default limit (20), an empty history with limit 0', () => {
    expect(check(withHistory(5), '  history_limit: 5\n')).toEqual([]);
    expect(check(withHistory(20))).toEqual([]);
    expect(check(withHistory(0), '  history_limit: 0\n')).toEqual([]);
    expect(rulesOf(check(withHistory(21)))).toEqual(['REC001']);
  });

  it("past the hard cap: one finding about the length (the parser's), not two", () => {
    const f = check(withHistory(1001), '  history_limit: 5\n');
    expect(f.map((x) => x.message.slice(0, 61))).toEqual([
      '`history` has 1001 entries, more than any record keeps (1000,',
    ]);
  });

  it('an environment other than deploy.production, at its value', () => {
    const text = `{\n  "last_good_sha": "${SHA}",\n  "deployed_at": "2026-01-09T10:00:00Z",\n  "environment": "staging"\n}\n`;
    const f = check(text, '  environments:\n    staging: {}\n    production: {}\n');
    expect(f).toMatchObject([
      {
        rule: 'REC001',
        range: { start: { line: 3, character: 17 }, end: { line: 3, character: 26 } },
        related: [{ file: 'slipway.yaml', message: 'deploy.production: production' }],
      },
    ]);
    expect(f[0]?.message).toBe(
      'The record describes environment "staging", but it is the record of deploy.production ("production"; the policy defines "staging", "production"): promote and rollback refuse it; correct its "environment" or the policy.',
    );
    // Near misses: the production environment by its default name and by a configured one.
    expect(check(text.replace('"staging"', '"production"'))).toEqual([]);
    expect(check(text, '  production: staging\n')).toEqual([]);
  });

  it('an environment with no environments defined, at the policy key that names production', () => {
    const text = `{\n  "last_good_sha": "${SHA}",\n  "deployed_at": "2026-01-09T10:00:00Z",\n  "environment": "prod-eu"\n}\n`;
    const f = check(text, '  production: live\n');
    expect(f.map((x) => x.message)).toEqual([
      'The record describes environment "prod-eu", but it is the record of deploy.production ("live"): promote and rollback refuse it; correct its "environment" or the policy.',
    ]);
    expect(f[0]?.related?.map((r) => [r.range.start.line, r.range.start.character])).toEqual([[4, 14]]);
    // An empty environment names none: the schema's to say, not this.
    expect(check(text.replace('"prod-eu"', '""')).map((x) => x.message)).not.toContainEqual(
      expect.stringContaining('describes environment'),
    );
  });

  it('the longest history a record may keep is still held to the policy limit', () => {
    expect(check(withHistory(1000), '  history_limit: 5\n').map((x) => x.message.slice(0, 60))).toEqual([
      '`history` has 1000 entries, but the policy keeps 5 (deploy.h',
    ]);
  });

  it('a record that is not an object is one schema finding, whatever the policy says', () => {
    for (const text of ['null\n', `["${SHA}"]\n`, '"production"\n'])
      expect(rulesOf(check(text, '  history_limit: 0\n  production: live\n')), text).toEqual(['REC001']);
  });

  it('also alongside schema problems (review sees everything at once)', () => {
    const text = `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-09T10:00:00Z", "environment": "prod-eu", "pinned": "yes"}`;
    expect(check(text).map((f) => f.message.slice(0, 30))).toEqual([
      '`pinned` must be a boolean (tr',
      'The record describes environme',
    ]);
  });
});

describe('REC001–REC003 ranges', () => {
  it('a UTF-8 byte-order mark does not shift columns (editors do not show it)', () => {
    const text = `{"last_good_sha": "abc1234", "deployed_at": "2026-01-09T10:00:00Z", "pinnned": true}\n`;
    const plain = check(text);
    const bom = check(`\uFEFF${text}`);
    expect(plain.map((f) => f.rule)).toEqual(['REC001', 'REC002']);
    expect(bom).toEqual(plain);
    expect(plain.find((f) => f.rule === 'REC002')?.range).toEqual({
      start: { line: 0, character: 18 },
      end: { line: 0, character: 27 },
    });
  });

  it('a record nested thousands deep is one REC001 finding at the bracket, not a crash', () => {
    const head = `{"last_good_sha": "${SHA}", "reason": `;
    const f = check(`${head}${'['.repeat(3000)}`);
    // The object is one level, so the 64th bracket is the first too many.
    const at = head.length + MAX_JSON_DEPTH - 1;
    expect(f).toMatchObject([
      { rule: 'REC001', range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } } },
    ]);
    expect(f[0]?.message).toContain('nested too deeply');
  });
});

describe('REC003 and leap seconds', () => {
  it('a leap second in the future is "in the future"; a past one is fine', () => {
    const at = (t: string) => `{"last_good_sha": "${SHA}", "deployed_at": "${t}"}`;
    const f = check(at('2026-06-30T23:59:60Z'));
    expect(f).toMatchObject([{ rule: 'REC003', message: expect.stringContaining('is in the future') }]);
    expect(check(at('2016-12-31T23:59:60Z'))).toEqual([]);
  });
});

function rulesOf(f: { rule: string }[]) {
  return f.map((x) => x.rule);
}
