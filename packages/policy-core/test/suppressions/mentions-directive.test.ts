import { describe, expect, it } from 'vitest';
import { findDirectives, mentionsDirective } from '../../src/suppressions/directives.js';

describe('mentionsDirective (the quick test before any directive is looked for)', () => {
  it('finds `slipway:` at the very start, in the middle and at the very end', () => {
    expect(mentionsDirective('slipway: allow DEP001 -- pinned upstream')).toBe(true);
    expect(mentionsDirective('flask==3.0 # slipway: allow DEP004 -- why')).toBe(true);
    expect(mentionsDirective('x\n# slipway:')).toBe(true);
  });

  it('ignores near misses: other words ending in `y:`, a truncated name, nothing at all', () => {
    expect(mentionsDirective('')).toBe(false);
    expect(mentionsDirective('y:')).toBe(false);
    expect(mentionsDirective('lipway: allow X')).toBe(false);
    expect(mentionsDirective('key: value\nway: 1\nslip way: 2\nslipwa y:')).toBe(false);
    expect(mentionsDirective(`${'pkg==1.0 --hash=sha256:ab\n'.repeat(1000)}`)).toBe(false);
  });

  it('lets findDirectives find a directive whose text starts the file', () => {
    expect(findDirectives('# slipway: allow DEP001 -- reason\nflask\n', '#').map((d) => d.rules)).toEqual([
      ['DEP001'],
    ]);
  });
});
