import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { dependencyFamily } from '../../../src/rules/families.js';
import type { CheckContext } from '../../../src/rule.js';

// A pin that differs between the requirements and the lock is reported once, not once from each
// side: on the requirements, or on the lock's line when the change touched only the lock.

const POLICY = 'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n';

const PINS = {
  'requirements.txt': 'idna==3.6\nrequests==2.31.0\n',
  'requirements.lock': 'idna==3.7\nrequests==2.31.0\n',
};

function found(change?: string[], files: Record<string, string> = PINS) {
  return findings(change, files).map((f) => ({
    at: `${f.file}:${f.range.start.line}`,
    related: f.related?.map((r) => r.file),
    fix: f.fixes?.length,
  }));
}

function findings(change: string[] | undefined, files: Record<string, string>) {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({ 'slipway.yaml': POLICY, ...files });
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
  return dependencyFamily.check(ctx).findings.filter((f) => f.rule === 'DEP004');
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

// A supply-chain case: the requirement names one source and the lock installs the package from
// another (a fork, a typo-squatted host). The versions cannot be compared, so only the URLs say it.
const FORK = 'git+https://github.com/someone-else/requests@v2.31.0';
const UPSTREAM = 'git+https://github.com/psf/requests@v2.31.0';
const sources = (requirement: string, lock: string) => ({
  'requirements.txt': `idna==3.7\nrequests @ ${requirement}\n`,
  'requirements.lock': `idna==3.7\nrequests @ ${lock}\n`,
});

describe('DEP004: a URL requirement whose lock entry points at another source', () => {
  it('is reported on the requirement, naming both sources', () => {
    const [f, ...rest] = findings(undefined, sources(UPSTREAM, FORK));
    expect(rest).toEqual([]);
    expect(f?.file).toBe('requirements.txt');
    expect(f?.range.start.line).toBe(1);
    expect(f?.message).toBe(
      `\`requests\` points at ${UPSTREAM} here but at ${FORK} in the lock; make both name the same source.`,
    );
    expect(f?.related?.map((r) => `${r.file}:${r.range.start.line}`)).toEqual(['requirements.lock:1']);
  });

  it("is reported on the lock's line when the change touched only the lock", () => {
    const [f, ...rest] = findings(['requirements.lock'], sources(UPSTREAM, FORK));
    expect(rest).toEqual([]);
    expect(f?.file).toBe('requirements.lock');
    expect(f?.message).toBe(
      `the lock points \`requests\` at ${FORK} but requirements.txt at ${UPSTREAM}; regenerate the lock.`,
    );
  });

  it('near miss: the same source on both sides is no finding', () => {
    expect(findings(undefined, sources(UPSTREAM, UPSTREAM))).toEqual([]);
    expect(findings(['requirements.lock'], sources(UPSTREAM, UPSTREAM))).toEqual([]);
  });
});
