import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { withBases } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, git, headSha, initRepo, tempDir } from '../git-fixture.js';

/**
 * `fetch: false` (an editor's untrusted workspace): a git base is read from the verified cache
 * or withheld, never fetched; the policy is then judged without it (and the chain below it), and
 * the result names the base withheld and why. Real bare repositories and a real cache directory.
 */
afterAll(cleanup);

const BASE = 'version: 1\nmax_waiver_days: 90\nprotected:\n  paths: [ledger/]\n';

function forge(): { url: string; sha: string } {
  const work = initRepo();
  commit(work, { 'base.yaml': BASE }, 'base');
  const bare = join(tempDir('slipway-forge-'), 'policies.git');
  git(work, ['clone', '-q', '--bare', work, bare]);
  return { url: `git+file://${bare}`, sha: headSha(work) };
}

const policy = (text: string) => {
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('the policy does not parse');
  return doc;
};

describe('extends: in an untrusted workspace (fetch: false)', () => {
  const f = forge();
  const spec = `${f.url}#base.yaml@${f.sha}`;
  const env = (cache: string) => ({ SLIPWAY_CACHE_DIR: cache, SLIPWAY_ALLOW_FILE_BASES: '1' });

  it('withholds a base the cache lacks, writes nothing, and judges the policy without it', () => {
    const cache = join(tempDir('slipway-cache-parent-'), 'cache');
    const r = withBases(policy(`version: 1\nextends: ${spec}\nmax_waiver_days: 30\n`), {
      readLocal: () => undefined,
      env: env(cache),
      fetch: false,
    });
    if (!('document' in r)) throw new Error(r.findings[0]?.message);
    expect(r.withheld?.base).toContain(f.sha.slice(0, 12));
    expect(r.withheld?.reason).toMatch(/not fetched: this workspace is not trusted/);
    expect(r.document.policy.max_waiver_days).toBe(30);
    expect(r.document.policy.protected?.paths ?? []).not.toContain('ledger/');
    expect(existsSync(cache)).toBe(false);
  });

  it('withholds the remote base below a repository base, keeping the repository base', () => {
    const cache = join(tempDir('slipway-cache-parent-'), 'cache');
    const local = `version: 1\nextends: ${spec}\nprotected:\n  paths: [billing/]\n`;
    const r = withBases(policy('version: 1\nextends: policies/base.yaml\n'), {
      readLocal: (p) => (p === 'policies/base.yaml' ? local : undefined),
      env: env(cache),
      fetch: false,
    });
    if (!('document' in r)) throw new Error(r.findings[0]?.message);
    expect(r.withheld?.base).toContain('base.yaml');
    expect(r.document.policy.protected?.paths).toEqual(['billing/']);
  });

  it('near miss: a base fetched earlier is read from the cache, with nothing withheld and nothing written', () => {
    const cache = tempDir('slipway-cache-');
    const fetched = withBases(policy(`version: 1\nextends: ${spec}\n`), {
      readLocal: () => undefined,
      env: env(cache),
    });
    expect(fetched.findings).toEqual([]);
    const before = readdirSync(join(cache, 'extends'));
    const r = withBases(policy(`version: 1\nextends: ${spec}\n`), {
      readLocal: () => undefined,
      env: env(cache),
      fetch: false,
    });
    if (!('document' in r)) throw new Error(r.findings[0]?.message);
    expect(r.withheld).toBeUndefined();
    expect(r.document.policy.protected?.paths).toContain('ledger/');
    expect(readdirSync(join(cache, 'extends'))).toEqual(before);
  });
});
