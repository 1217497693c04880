import { describe, expect, it } from 'vitest';
import { brief, checkFixture, ofRule } from './helpers.js';

/**
 * What the DEP rules' fixture cases show beyond their snapshots (fixture-snapshots.test.ts holds
 * every finding of every case): messages, fixes, related locations and the files read.
 */
describe('DEP rules on their fixtures', () => {
  it('DEP011 in superset mode: extras pip-compile merged in or stripped out are the same package', () => {
    expect(brief(checkFixture('DEP011/near-miss-superset-merged-extras').findings)).toEqual([]);
    expect(brief(ofRule(checkFixture('DEP011/trigger-superset-missing-extra').findings, 'DEP011'))).toEqual([
      'DEP011 requirements/main.txt:2:0-23',
    ]);
  });

  it('DEP003 on a pip-compile lock: a marker false on the Python it was compiled with, or about the platform, is no omission', () => {
    expect(brief(ofRule(checkFixture('DEP003/near-miss-pip-compile-markers').findings, 'DEP003'))).toEqual(
      [],
    );
    // 3.11 < 3.12: pip-compile on 3.11 would have pinned tomli.
    expect(brief(ofRule(checkFixture('DEP003/trigger-pip-compile-python').findings, 'DEP003'))).toEqual([
      'DEP003 requirements.in:1:0-5',
    ]);
  });

  it('DEP007: a package named in a layered input and pinned in the file it includes is no duplicate', () => {
    // The names are unpinned, which DEP001 reports in every input; DEP007 has nothing to say.
    expect(brief(ofRule(checkFixture('DEP007/near-miss-layered-in').findings, 'DEP007'))).toEqual([]);
  });

  it('near-misses of the sync rules are entirely clean', () => {
    for (const name of ['DEP002', 'DEP003', 'DEP004', 'DEP005', 'DEP007', 'DEP009', 'DEP010', 'DEP011'])
      expect(brief(checkFixture(`${name}/near-miss`).findings), name).toEqual([]);
  });

  it('says what is wrong and what to do', () => {
    const [dep001] = ofRule(checkFixture('DEP001/trigger').findings, 'DEP001');
    expect(dep001?.message).toBe(
      '`fastapi` uses `>=0.100`, a range that is not a pin; pin it to one release with `==`.',
    );
    const dep002 = checkFixture('DEP002/directory').findings;
    expect(dep002.map((f) => f.message)).toEqual([
      'backend/requirements.lock is a directory, not a lock file; create it with `slipway deps lock` and commit it with backend/requirements.txt.',
    ]);
    const dep008 = ofRule(checkFixture('DEP008/trigger').findings, 'DEP008').map((f) => f.message);
    expect(dep008).toContain(
      'pip would reject this line: no such option: --frobnicate (pip cannot read this option).',
    );
    expect(dep008).toContain(
      'pip would reject this line: not a valid requirement: .* suffix can only be used with `==` or `!=` operators.',
    );
    const cycle = ofRule(checkFixture('DEP010/trigger').findings, 'DEP010')[0];
    expect(cycle?.message).toContain(
      'include cycle backend/requirements.txt → backend/base.txt → backend/requirements.txt',
    );
  });

  it('DEP004 reports a pin once, on the requirements, pointing at the lock entry its fix updates', () => {
    const found = ofRule(checkFixture('DEP004/trigger').findings, 'DEP004');
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f?.related?.[0]?.file).toBe('backend/requirements.lock');
    const edit = f?.fixes?.[0]?.edits[0];
    expect(edit?.file).toBe('backend/requirements.lock');
    expect(edit?.range).toEqual(f?.related?.[0]?.range);
  });

  it('a requirement pip rejects does not also make its lock entry "unrequired"', () => {
    const r = checkFixture('DEP008/trigger');
    expect(ofRule(r.findings, 'DEP005')).toEqual([]);
  });

  it('lists the files it read, includes first-to-last', () => {
    expect(checkFixture('DEP010/near-miss').filesChecked).toEqual([
      'backend/requirements.txt',
      'backend/common/base.txt',
      'backend/extra.txt',
      'backend/constraints.txt',
      'backend/requirements.lock',
    ]);
  });
});
