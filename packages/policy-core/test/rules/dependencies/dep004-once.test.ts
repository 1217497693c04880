import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { dependencyFamily } from '../../../src/rules/families.js';
import type { CheckContext } from '../../../src/rule.js';

// A pin that differs between the requirements and the lock is reported once, not once from each
// side: on the requirements, or on the lock's line when the change touched only the lock.

const POLICY = 'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n';

function found(change?: string[]) {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'requirements.txt': 'idna==3.6\nrequests==2.31.0\n',
    'requirements.lock': 'idna==3.7\nrequests==2.31.0\n',
  });
  const ctx: CheckContext = { policy, repo, now: new Date(), env: {} };
  if (change) {
    const set: ChangeSet = {
      base: 'main',
      head: 'HEAD',
      commits: [],
      files: change.map((path) => ({ path, status: 'modified' as const })),
    };
    ctx.change = set;
  }
  return dependencyFamily
    .check(ctx)
    .findings.filter((f) => f.rule === 'DEP004')
    .map((f) => ({
      at: `${f.file}:${f.range.start.line}`,
      related: f.related?.map((r) => r.file),
      fix: f.fixes?.length,
    }));
}

describe('DEP004: one finding per pin that differs', () => {
  it('on the requirements when checking the tree, pointing at the lock, with the fix', () => {
    expect(found()).toEqual([{ at: 'requirements.txt:0', related: ['requirements.lock'], fix: 1 }]);
  });

  it('on the requirements when the change touched them (or both files)', () => {
    expect(found(['requirements.txt'])).toEqual([
      { at: 'requirements.txt:0', related: ['requirements.lock'], fix: 1 },
    ]);
    expect(found(['requirements.txt', 'requirements.lock'])).toEqual([
      { at: 'requirements.txt:0', related: ['requirements.lock'], fix: 1 },
    ]);
  });

  it("on the lock's line when the change touched only the lock, pointing at the requirement", () => {
    expect(found(['requirements.lock'])).toEqual([
      { at: 'requirements.lock:0', related: ['requirements.txt'], fix: 1 },
    ]);
  });
});
