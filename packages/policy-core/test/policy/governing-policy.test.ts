import { afterUnnamedBase, governingPolicy } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { policyDoc } from './policy-doc.js';

const doc = policyDoc;
const HEAD = doc('version: 1\nprotected:\n  paths: [billing/]\n');
const BASE_TEXT = 'version: 1\nprotected:\n  paths: [ledger/, billing/]\n';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const base = (texts: Record<string, string>) => ({ sha: SHA, texts: new Map(Object.entries(texts)) });

describe('governingPolicy: which policy judges a change', () => {
  it('without a base, the head (the tree) governs', () => {
    const d = governingPolicy({ head: HEAD });
    expect(d).toMatchObject({ ok: true, policy: { source: 'head', document: HEAD } });
    if (d.ok) expect(d.policy.head).toBeUndefined();
  });

  it("with a base, the base's policy governs and the head's is kept for the POL rules", () => {
    const d = governingPolicy({ head: HEAD, base: base({ 'slipway.yaml': BASE_TEXT }) });
    if (!d.ok) throw new Error(d.message);
    expect(d.policy.source).toBe('base');
    expect(d.policy.document.policy.protected?.paths).toEqual(['ledger/', 'billing/']);
    expect(d.policy.head).toBe(HEAD);
    expect(d.policy.described).toBe('slipway.yaml on the base (commit 0123456789ab)');
  });

  it('the same text on both sides: no head to judge apart', () => {
    const d = governingPolicy({ head: doc(BASE_TEXT), base: base({ 'slipway.yaml': BASE_TEXT }) });
    expect(d.ok && d.policy.head).toBeUndefined();
  });

  it('slipway.yaml wins over slipway.toml on the base, as on disk', () => {
    const d = governingPolicy({
      head: HEAD,
      base: base({ 'slipway.yaml': BASE_TEXT, 'slipway.toml': 'version = 1\n' }),
    });
    expect(d.ok && d.policy.document.file).toBe('slipway.yaml');
  });

  it('first adoption: no policy on the base, the head governs with a notice', () => {
    const d = governingPolicy({ head: HEAD, base: base({}) });
    if (!d.ok) throw new Error(d.message);
    expect(d.policy.source).toBe('head');
    expect(d.policy.notice).toMatch(/^first adoption: the base \(commit 0123456789ab\) has no slipway\.yaml/);
  });

  it('an invalid base policy is refused, never replaced by the head', () => {
    const d = governingPolicy({ head: HEAD, base: base({ 'slipway.yaml': 'version: 2\n' }) });
    expect(d.ok).toBe(false);
    if (!d.ok)
      expect(d.message).toMatch(
        /^slipway\.yaml on the base \(commit 0123456789ab\) is invalid \(slipway\.yaml:1:10: /,
      );
  });

  it('a trusted policy (the deploying checkout) overrides the tree and any base', () => {
    const trusted = doc(BASE_TEXT);
    const d = governingPolicy({
      head: HEAD,
      trusted: { document: trusted, where: 'the deploying checkout' },
    });
    expect(d).toMatchObject({ ok: true, policy: { source: 'trusted', document: trusted, head: HEAD } });
  });
});

describe('afterUnnamedBase: the head does not choose its own base', () => {
  const HEAD_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
  const decided = (baseText: string) => {
    const d = governingPolicy({ head: HEAD, base: base({ 'slipway.yaml': baseText }) });
    if (!d.ok) throw new Error(d.message);
    return d.policy;
  };

  it("the base's policy naming another production branch: read the change again against it", () => {
    const policy = decided('version: 1\nproduction_branch: trunk\n');
    expect(afterUnnamedBase('main', policy, { base: SHA, head: HEAD_SHA })).toEqual({ reread: 'trunk' });
  });

  it('a change with commits, read against the branch the base names: nothing to add', () => {
    expect(afterUnnamedBase('main', decided(BASE_TEXT), { base: SHA, head: HEAD_SHA })).toBeUndefined();
  });

  it('the base is the head: nothing to judge, said with the policy that applied', () => {
    const out = afterUnnamedBase('main', decided(BASE_TEXT), { base: SHA, head: SHA });
    expect(out).toEqual({
      notice: expect.stringMatching(
        /^no change to judge: `main`, the production branch, already has every commit of the head \(commit 0123456789ab\).* with slipway\.yaml on the base \(commit 0123456789ab\); pass --base <ref>/,
      ),
    });
  });

  it('a head policy governing (first adoption) is never a reason to read again', () => {
    const d = governingPolicy({ head: doc('version: 1\nproduction_branch: trunk\n'), base: base({}) });
    if (!d.ok) throw new Error(d.message);
    expect(afterUnnamedBase('trunk', d.policy, { base: SHA, head: HEAD_SHA })).toBeUndefined();
  });
});
