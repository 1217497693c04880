import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/change-set.js';
import { brief, check, ofRule } from './helpers.js';

const POLICY = (extra = '') =>
  `version: 1\ndependencies:\n  requirements: backend/requirements.txt\n  lock: backend/requirements.lock\n  label: approved-dependency-upgrade\n${extra}`;
const REQ = 'fastapi==0.110.0\nrequests==2.31.0\n';
const LOCK = '# header\nfastapi==0.110.0\nrequests==2.31.0\n';

function change(paths: string[], labels: string[] | undefined, base: Record<string, string> = {}): ChangeSet {
  const c: ChangeSet = {
    base: 'a'.repeat(40),
    head: 'b'.repeat(40),
    files: paths.map((path) => ({ status: 'modified' as const, path })),
    commits: [],
    readBase: (p) => base[p],
  };
  if (labels) c.labels = labels;
  return c;
}

function run(files: Record<string, string>, c: ChangeSet) {
  return ofRule(check({ 'slipway.yaml': POLICY(), ...files }, { change: c }).findings, 'DEP006');
}

describe('DEP006 dependency change without the label', () => {
  const files = { 'backend/requirements.txt': REQ, 'backend/requirements.lock': LOCK };

  it('is an error when labels are known and the label is missing, on the first changed line', () => {
    const base = { 'backend/requirements.txt': 'fastapi==0.109.0\nrequests==2.31.0\n' };
    const f = run(files, change(['backend/requirements.txt', 'README.md'], ['other'], base));
    // The line the pull request's diff shows (so GitHub displays the annotation), not the policy.
    expect(brief(f)).toEqual(['DEP006 backend/requirements.txt:0:0-16']);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.related).toEqual([
      {
        file: 'slipway.yaml',
        range: { start: { line: 4, character: 9 }, end: { line: 4, character: 36 } },
        message: 'the label this pair needs (`approved-dependency-upgrade`)',
      },
    ]);
  });

  it('sits on the requirements a person edited, not the lock before it in the diff; the lock related', () => {
    const base = {
      'backend/requirements.txt': 'fastapi==0.110.0\nrequests==2.30.0\n',
      'backend/requirements.lock': '# header\nfastapi==0.110.0\n',
    };
    const f = run(files, change(['backend/requirements.lock', 'backend/requirements.txt'], [], base));
    expect(brief(f)).toEqual(['DEP006 backend/requirements.txt:1:0-16']);
    expect(f[0]?.related?.map((r) => `${r.file}:${r.range.start.line}`)).toEqual([
      'backend/requirements.lock:2',
      'slipway.yaml:4',
    ]);
  });

  it('sits on the lock, at its first changed line, when only the lock changed', () => {
    const base = { 'backend/requirements.lock': '# header\nfastapi==0.110.0\n' };
    const f = run(files, change(['backend/requirements.lock'], [], base));
    expect(brief(f)).toEqual(['DEP006 backend/requirements.lock:2:0-16']);
  });

  it('stays on the policy label line when every changed dependency file was deleted', () => {
    const f = run(
      { 'backend/requirements.txt': REQ },
      change(['backend/requirements.lock'], [], { 'backend/requirements.lock': LOCK }),
    );
    expect(brief(f)).toEqual(['DEP006 slipway.yaml:4:9-36']);
    expect(f[0]?.related?.map((r) => r.file)).toEqual(['backend/requirements.lock']);
  });

  it('warns "this change needs label X" when labels are unknown', () => {
    const f = run(files, change(['backend/requirements.lock'], undefined));
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toMatch(/^this change needs label `approved-dependency-upgrade`/);
  });

  it('is silent with the label, or when no dependency file changed', () => {
    expect(run(files, change(['backend/requirements.txt'], ['approved-dependency-upgrade']))).toEqual([]);
    expect(run(files, change(['README.md'], []))).toEqual([]);
  });

  it('counts files included with -r and renames away from the requirements', () => {
    const withBase = {
      'backend/requirements.txt': `-r base.txt\n${REQ}`,
      'backend/base.txt': 'idna==3.6\n',
      'backend/requirements.lock': `${LOCK}idna==3.6\n`,
    };
    expect(run(withBase, change(['backend/base.txt'], []))).toHaveLength(1);
    const renamed: ChangeSet = {
      ...change([], []),
      files: [{ status: 'renamed', path: 'backend/req-old.txt', oldPath: 'backend/requirements.txt' }],
    };
    expect(run(files, renamed)).toHaveLength(1);
  });

  describe('label_when: set-changed', () => {
    const runSet = (head: Record<string, string>, base: Record<string, string>, paths: string[]) =>
      ofRule(
        check(
          { 'slipway.yaml': POLICY('  label_when: set-changed\n'), ...head },
          { change: change(paths, [], base) },
        ).findings,
        'DEP006',
      );

    it('ignores comment, header, ordering and whitespace churn', () => {
      const base = { 'backend/requirements.txt': REQ, 'backend/requirements.lock': LOCK };
      const head = {
        'backend/requirements.txt': '# reordered\nrequests==2.31.0   # why\n\nfastapi == 0.110.0\n',
        'backend/requirements.lock': '# a new header\nrequests==2.31.0\nfastapi==0.110.0\n',
      };
      expect(runSet(head, base, ['backend/requirements.txt', 'backend/requirements.lock'])).toEqual([]);
    });

    it('reports a real change of the set (a version, an added package, a new file)', () => {
      const base = { 'backend/requirements.txt': REQ, 'backend/requirements.lock': LOCK };
      const bumped = {
        'backend/requirements.txt': 'fastapi==0.111.0\nrequests==2.31.0\n',
        'backend/requirements.lock': LOCK,
      };
      expect(runSet(bumped, base, ['backend/requirements.txt'])).toHaveLength(1);
      const added = { 'backend/requirements.txt': `${REQ}idna==3.6\n`, 'backend/requirements.lock': LOCK };
      expect(runSet(added, base, ['backend/requirements.txt'])).toHaveLength(1);
      expect(runSet(files, {}, ['backend/requirements.lock'])).toHaveLength(1);
    });
  });
});
