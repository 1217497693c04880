import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { sectionFamily } from '../../src/rules/section-family.js';

// The runner of MIG and UPD: a family with nothing to judge when the policy leaves its section
// out. Its empty result matters to the engine: filesChecked is where suppressions are read.

function ctxOf(policy: string) {
  const parsed = parsePolicyText(policy);
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return {
    policy: parsed.document,
    repo: new MemoryRepo({}),
    now: new Date('2026-01-10T00:00:00Z'),
    env: {},
  };
}

describe('sectionFamily', () => {
  const seen: unknown[] = [];
  const family = sectionFamily('UPD', [], 'update', (_ctx, section) => {
    seen.push(section);
    return { findings: [], filesChecked: ['update.toml'] };
  });

  it('without its section: no findings, no file read, and the judge never called', () => {
    seen.length = 0;
    expect(family.check(ctxOf('version: 1\n'))).toEqual({ findings: [], filesChecked: [] });
    expect(seen).toEqual([]);
  });

  it("with it: the judge's result, handed the section itself (near miss)", () => {
    seen.length = 0;
    const ctx = ctxOf('version: 1\nupdate:\n  config: update.toml\n');
    expect(family.check(ctx)).toEqual({ findings: [], filesChecked: ['update.toml'] });
    expect(seen).toEqual([ctx.policy.policy.update]);
    expect([family.id, family.rules]).toEqual(['UPD', []]);
  });
});
