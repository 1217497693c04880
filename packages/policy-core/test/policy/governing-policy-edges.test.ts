import { afterUnnamedBase, governingPolicy, governingWithoutHead } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { policyDoc } from './policy-doc.js';

const doc = policyDoc;
const SHA = '0123456789abcdef0123456789abcdef01234567';
const base = (texts: Record<string, string>) => ({ sha: SHA, texts: new Map(Object.entries(texts)) });
const TEXT = 'version: 1\nprotected:\n  paths: [ledger/]\n';

/** What each decision says it is (the run's "judged with …" line), and when the head is kept apart. */
describe('governingPolicy: how each decision names itself', () => {
  it('the tree, the working tree by default or where the host says', () => {
    const head = doc(TEXT);
    expect(governingPolicy({ head })).toMatchObject({
      ok: true,
      policy: { described: 'slipway.yaml of the working tree' },
    });
    expect(governingPolicy({ head, headWhere: 'commit fedcba' })).toMatchObject({
      ok: true,
      policy: { described: 'slipway.yaml of commit fedcba' },
    });
    expect(governingPolicy({ head, base: base({}), headWhere: 'HEAD' })).toMatchObject({
      ok: true,
      policy: {
        source: 'head',
        described: 'slipway.yaml of HEAD',
        notice: expect.stringContaining('slipway.yaml of HEAD governs this change'),
      },
    });
  });

  it("the base's text unchanged on the head: the head's own parse, not a second one", () => {
    const head = doc(TEXT);
    const d = governingPolicy({ head, base: base({ 'slipway.yaml': TEXT }) });
    expect(d.ok && d.policy.document).toBe(head);
    expect(d.ok && d.policy.described).toBe('slipway.yaml on the base (commit 0123456789ab)');
  });

  it('a trusted policy names where it comes from, and keeps the head apart only when it differs', () => {
    const trusted = doc(TEXT);
    const same = governingPolicy({
      head: doc(TEXT),
      trusted: { document: trusted, where: 'the deploying checkout' },
    });
    expect(same).toMatchObject({ ok: true, policy: { described: 'slipway.yaml of the deploying checkout' } });
    expect(same.ok && 'head' in same.policy).toBe(false);
    const other = doc('version: 1\n');
    const differs = governingPolicy({ head: other, trusted: { document: trusted, where: 'x' } });
    expect(differs.ok && differs.policy.head).toBe(other);
  });
});

describe('governingWithoutHead: the change deletes the policy file', () => {
  it("the base's policy governs, said with the rule that reports the deletion", () => {
    const d = governingWithoutHead(base({ 'slipway.toml': 'version = 1\n' }));
    expect(d).toMatchObject({
      ok: true,
      policy: {
        source: 'base',
        described: 'slipway.toml on the base (commit 0123456789ab)',
        notice: expect.stringMatching(
          /^the change's tree has no slipway\.yaml or slipway\.toml; slipway\.toml on the base \(commit 0123456789ab\) governs it \(PATH004 reports the deletion\)$/,
        ),
      },
    });
  });

  it('nothing on the base either: nothing governs; an invalid one is refused with its place', () => {
    expect(governingWithoutHead(base({}))).toBeUndefined();
    const bad = governingWithoutHead(base({ 'slipway.yaml': 'version: 1\nprotected: 5\n' }));
    expect(bad).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^slipway\.yaml on the base \(commit 0123456789ab\) is invalid \(slipway\.yaml:2:\d+: .*protected/,
      ),
    });
  });
});

describe('afterUnnamedBase', () => {
  it("a trusted or head policy naming another branch is no reason to read again; only the base's is", () => {
    const trunk = doc('version: 1\nproduction_branch: trunk\n');
    const d = governingPolicy({
      head: doc(TEXT),
      trusted: { document: trunk, where: 'the deploying checkout' },
    });
    if (!d.ok) throw new Error(d.message);
    expect(afterUnnamedBase('main', d.policy, { base: SHA, head: 'f'.repeat(40) })).toBeUndefined();
  });
});
