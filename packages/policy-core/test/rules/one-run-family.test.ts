import { describe, expect, it } from 'vitest';
import type { AnyRule, CheckContext } from '../../src/rule.js';
import { oneRunFamily } from '../../src/rules/one-run-family.js';

/** The runner most families share: one run, judged by each of its rules that reads its facts. */

const ctx = {} as CheckContext;
const rule = (id: string, facts?: string) =>
  ({ id, facts, check: (run: number) => [{ rule: id, message: `run ${run}` }] }) as unknown as AnyRule;

describe('oneRunFamily', () => {
  it('with nothing to judge: no findings and no files, whatever its rules', () => {
    const family = oneRunFamily('REC', [rule('REC001')], { run: () => undefined });
    expect(family.check(ctx)).toEqual({ findings: [], filesChecked: [] });
  });

  it('judges the run with the rules that read its facts, and reads no file unless it says so', () => {
    const family = oneRunFamily('REC', [rule('REC001', 'record'), rule('REC002', 'other')], {
      run: () => 7,
      facts: 'record',
    });
    expect(family.check(ctx)).toEqual({ findings: [{ rule: 'REC001', message: 'run 7' }], filesChecked: [] });
    const listing = oneRunFamily('REC', [rule('REC001')], {
      run: () => 7,
      filesChecked: (run) => [`f${run}`],
    });
    expect(listing.check(ctx).filesChecked).toEqual(['f7']);
  });

  it('hands on what its rules will ask git, and has no such question when it says none', () => {
    const gitAsks = () => ({ commits: ['HEAD'] });
    expect(oneRunFamily('REC', [], { run: () => 1, gitAsks }).gitAsks).toBe(gitAsks);
    expect('gitAsks' in oneRunFamily('REC', [], { run: () => 1 })).toBe(false);
  });
});
