import { describe, expect, it } from 'vitest';
import { poetryConstraint } from '../../src/requirements/poetry-constraint.js';
import { satisfiesAll } from '../../src/requirements/specifier-set.js';

const specs = (text: string) =>
  text
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const m = /^(===|==|!=|~=|<=|>=|<|>)(.+)$/.exec(s.trim());
      if (!m) throw new Error(s);
      return { op: m[1] as string, version: (m[2] as string).trim() };
    });

describe('PEP 440 specifier sets (packaging semantics, pre-releases allowed)', () => {
  const cases: [string, string, boolean | undefined][] = [
    ['>=2.2.0', '2.0.3', false],
    ['>=2.2.0', '2.2', true],
    ['>=2.2.0,<3', '3.0.0', false],
    ['<3', '3.0.0rc1', false],
    ['<3rc2', '3.0.0rc1', true],
    ['>1.0', '1.0.post1', false],
    ['>1.0', '1.0+local', false],
    ['>1.0', '1.0.1', true],
    ['==1.0', '1.0+cpu', true],
    ['==1.0+cpu', '1.0', false],
    ['==1.2.*', '1.2.9', true],
    ['==1.2.*', '1.3', false],
    ['==1.0.0.*', '1.0rc1', true],
    ['!=1.2.*', '1.2.1', false],
    ['~=2.2', '2.9', true],
    ['~=2.2', '3.0', false],
    ['~=2.2.1', '2.3', false],
    ['~=1.4.5.0', '1.4.5.9', true],
    ['<=2.0', '2.0+x', true],
    ['>=1.0', '1.0.dev1', false],
    ['===1.0', '1.0', true],
    ['>=1.0', 'not a version', undefined],
  ];
  for (const [spec, version, want] of cases)
    it(`${version} against ${spec}: ${want}`, () => {
      expect(satisfiesAll(version, specs(spec))).toBe(want);
    });
});

/** The ranges Poetry's "Dependency specification" page gives for each constraint. */
describe("Poetry's constraints as Poetry documents them", () => {
  const documented: [string, string][] = [
    ['^1.2.3', '>=1.2.3,<2.0.0'],
    ['^1.2', '>=1.2,<2.0.0'],
    ['^1', '>=1,<2.0.0'],
    ['^0.2.3', '>=0.2.3,<0.3.0'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0,<0.1.0'],
    ['^0', '>=0,<1.0.0'],
    ['~1.2.3', '>=1.2.3,<1.3.0'],
    ['~1.2', '>=1.2,<1.3.0'],
    ['~1', '>=1,<2.0.0'],
    ['*', ''],
    ['1.*', '==1.*'],
    ['1.2.*', '==1.2.*'],
    ['1.2.x', '==1.2.*'],
    ['>= 1.2.0', '>=1.2.0'],
    ['>= 1.2, < 1.5', '>=1.2,<1.5'],
    ['>=1.2 <1.5', '>=1.2,<1.5'],
    ['==1.2.3', '==1.2.3'],
    ['1.2.3', '==1.2.3'],
    ['!=1.2.2', '!=1.2.2'],
    ['~=1.2', '~=1.2'],
  ];
  for (const [constraint, pep440] of documented)
    it(`${constraint} is ${pep440 || 'any version'}`, () => {
      expect(poetryConstraint(constraint)?.map((alt) => alt.map((s) => s.op + s.version).join(','))).toEqual([
        pep440,
      ]);
    });

  it('`||` gives alternatives, and a version either allows is inside', () => {
    const alts = poetryConstraint('^1.2 || ^2.0') ?? [];
    expect(alts.length).toBe(2);
    const inside = (v: string) => alts.some((a) => satisfiesAll(v, a));
    expect([inside('1.9'), inside('2.5'), inside('3.0'), inside('1.1')]).toEqual([true, true, false, false]);
  });

  it('refuses what Poetry cannot read instead of guessing a range', () => {
    for (const bad of ['^', 'latest', '>=1.0 <', '~=1', '^abc'])
      expect(poetryConstraint(bad), bad).toBeUndefined();
  });
});
