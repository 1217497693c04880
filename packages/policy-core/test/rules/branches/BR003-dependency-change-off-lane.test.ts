import { describe, expect, it } from 'vitest';
import {
  compileBranchTemplate,
  exampleBranchName,
} from '../../../src/rules/branches/facts/dependency-branch-name.js';
import { change, ids, modified, POLICY, run } from './branch-fixture.js';

describe('BR003 dependency change on an agent branch not named for dependency upgrades', () => {
  it('warns when an agent feature branch changes the requirements or the lock', () => {
    const findings = run(
      change({ branch: 'auto/feature-x', files: modified('backend/requirements.lock', 'a.py') }),
    );
    expect(ids(findings)).toEqual(['BR003']);
    const [f] = findings;
    expect(f?.severity).toBe('warning');
    expect(f?.file).toBe('slipway.yaml');
    // dependency_branch is defaulted: nothing in the file names the template, so the finding sits
    // on the `agents.branches` pattern that made this an agent branch (line 4), and the message
    // says the name is the default rather than pointing at a line that does not hold it.
    expect([f?.range.start.line, f?.range.start.character]).toEqual([3, 13]);
    expect(f?.message).toBe(
      'Agent branch `auto/feature-x` (agents.branches `auto/*`, slipway.yaml line 4) changes ' +
        '`backend/requirements.lock`, but dependency upgrades belong on a branch named like ' +
        '`auto/dependency-upgrade-YYYYMMDD-NNN` (the default of `agents.dependency_branch`, which slipway.yaml ' +
        'does not set); move the dependency change to a branch such as `auto/dependency-upgrade-20260122-001`.',
    );
    expect(f?.related?.map((r) => [r.range.start.line, r.message])).toEqual([
      [3, 'agent branch pattern `auto/*`'],
      [
        2,
        '`agents.dependency_branch` is not set, so it is `auto/dependency-upgrade-YYYYMMDD-NNN`; set it here to choose another name',
      ],
      [10, 'dependency file `backend/requirements.lock`'],
    ]);
  });

  it('counts a rename away from a dependency file, and any pair of a list', () => {
    const policy = POLICY.replace(
      /dependencies:\n(?: {2}.*\n)+/,
      'dependencies:\n  - requirements: a/req.txt\n    lock: a/req.lock\n  - requirements: ./b/dev.txt\n    lock: b/dev.lock\n',
    );
    const renamed = change({
      branch: 'auto/cleanup',
      files: [{ status: 'renamed', path: 'b/old-dev.txt', oldPath: 'b/dev.txt' }],
    });
    const [f] = run(renamed, policy);
    expect(f?.rule).toBe('BR003');
    expect(f?.related?.[2]?.message).toBe('dependency file `b/dev.txt`');
    expect(f?.related?.[2]?.range.start.line).toBe(11);
  });

  it('points at agents.dependency_branch when it is written, and honours its template', () => {
    const policy = POLICY.replace(
      '  branches: ["auto/*"]\n',
      '  branches: ["auto/*"]\n  dependency_branch: auto/deps-YYYY-MM-DD-NN\n',
    );
    const off = run(
      change({ branch: 'auto/deps-2026-02-30-01', files: modified('backend/requirements.txt') }),
      policy,
    );
    expect(off[0]?.range.start.line).toBe(4);
    expect(off[0]?.message).toContain('named like `auto/deps-YYYY-MM-DD-NN` (slipway.yaml line 5)');
    expect(off[0]?.message).toContain('branch such as `auto/deps-2026-01-22-01`');
    expect(off[0]?.related?.[0]?.message).toBe('dependency branch name `auto/deps-YYYY-MM-DD-NN`');
    expect(
      run(change({ branch: 'auto/deps-2026-02-28-01', files: modified('backend/requirements.txt') }), policy),
    ).toEqual([]);
  });

  it('is quiet on a well-named branch, on human branches, and for other files', () => {
    const dep = modified('backend/requirements.txt');
    expect(run(change({ branch: 'auto/dependency-upgrade-20260122-001', files: dep }))).toEqual([]);
    expect(run(change({ branch: 'feature/deps', files: dep }))).toEqual([]);
    expect(run(change({ branch: 'auto/feature', files: modified('backend/requirements-dev.txt') }))).toEqual(
      [],
    );
    const noDeps = POLICY.replace(/dependencies:\n(?: {2}.*\n)+/, '');
    expect(run(change({ branch: 'auto/feature', files: dep }), noDeps)).toEqual([]);
  });
});

describe('dependency branch template', () => {
  const t = compileBranchTemplate('auto/dependency-upgrade-YYYYMMDD-NNN');
  const cases: [string, boolean][] = [
    ['auto/dependency-upgrade-20260122-001', true],
    ['auto/dependency-upgrade-20260101-001', true],
    ['auto/dependency-upgrade-20261231-001', true],
    ['auto/dependency-upgrade-20260131-001', true],
    ['auto/dependency-upgrade-20000229-001', true],
    ['auto/dependency-upgrade-21000229-001', false],
    ['auto/dependency-upgrade-20260001-001', false],
    ['auto/dependency-upgrade-20240229-123', true],
    ['auto/dependency-upgrade-20230229-123', false],
    ['auto/dependency-upgrade-20261301-001', false],
    ['auto/dependency-upgrade-20260100-001', false],
    ['auto/dependency-upgrade-20260431-001', false],
    ['auto/dependency-upgrade-20260122-01', false],
    ['auto/dependency-upgrade-20260122-0001', false],
    ['auto/dependency-upgrade-2026012-001', false],
    ['auto/dependency-upgrade-20260122-abc', false],
    ['auto/dependency-upgrade-20260122-001/x', false],
    ['xauto/dependency-upgrade-20260122-001', false],
  ];
  for (const [name, ok] of cases)
    it(`${ok ? 'accepts' : 'rejects'} ${name}`, () => expect(t.test(name)).toBe(ok));

  it('keeps letters N inside words literal and supports *', () => {
    const w = compileBranchTemplate('auto/NEW-*-YYYYMMDD');
    expect(w.test('auto/NEW-pip-20260122')).toBe(true);
    expect(w.test('auto/123-pip-20260122')).toBe(false);
    expect(exampleBranchName('auto/NEW-*-YYYYMMDD-N', new Date('2026-03-04T00:00:00Z'))).toBe(
      'auto/NEW-x-20260304-1',
    );
  });

  it('checks every date of a template with two', () => {
    const span = compileBranchTemplate('auto/deps-YYYYMMDD-to-YYYY-MM-DD');
    expect(span.test('auto/deps-20260122-to-2026-02-28')).toBe(true);
    expect(span.test('auto/deps-20260122-to-2026-02-30')).toBe(false);
    expect(span.test('auto/deps-20260230-to-2026-02-28')).toBe(false);
  });

  it('writes a year before 1000 with four digits in an example name', () => {
    expect(exampleBranchName('auto/deps-YYYYMMDD', new Date('0999-03-04T00:00:00Z'))).toBe(
      'auto/deps-09990304',
    );
  });
});
