import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { satisfies, validRange, validVersion } from '../../../src/rules/dependencies/facts/semver-memo.js';

// The memo answers as semver itself does, asked once and again (the second answer is the kept one).
const RANGES = [
  '^1.2.0',
  '~1.2',
  '1.x',
  '>=2 <3',
  '*',
  '',
  'latest',
  '1.2.3 - 2.0.0',
  '^0.0.1',
  'not a range',
  '>=1.0.0-beta',
  '=v1.2.3',
  '||',
  ' ^1 ',
  '^1.2.3-rc.1',
];
const VERSIONS = [
  '1.2.3',
  '1.2.0',
  '2.5.0',
  '0.0.1',
  '0.0.2',
  '1.2.3-rc.2',
  'v1.2.3',
  'nope',
  '=1.2.3',
  '3.0.0',
  '',
];

describe('the semver memo', () => {
  it('gives semver’s own answers for validRange, valid and satisfies, first and second time', () => {
    for (let round = 0; round < 2; round++) {
      for (const r of RANGES) expect(validRange(r), r).toBe(semver.validRange(r, { loose: true }));
      for (const v of VERSIONS) expect(validVersion(v), v).toBe(semver.valid(v, { loose: true }));
      for (const r of RANGES)
        for (const v of VERSIONS)
          expect(satisfies(v, r), `${v} in ${r}`).toBe(semver.satisfies(v, r, { loose: true }));
    }
  });
});
