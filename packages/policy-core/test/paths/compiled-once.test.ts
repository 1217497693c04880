import { PathMatcher } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// Patterns are compiled once per pattern and position and shared by the matchers built over
// them; what each matcher says must still be its own.
describe('PathMatcher: patterns compiled once, answers per matcher', () => {
  it('names its own sources when another matcher has the same patterns', () => {
    const patterns = ['backend/app/core/', '!backend/app/core/readme.md', 'docs/*.md'];
    const a = new PathMatcher(
      patterns.map((pattern, i) => ({ pattern, file: 'a.yaml', policyPath: ['a', i] })),
    );
    const b = new PathMatcher(
      patterns.map((pattern, i) => ({ pattern, file: 'b.yaml', policyPath: ['b', i] })),
    );
    for (const [m, file] of [
      [a, 'a.yaml'],
      [b, 'b.yaml'],
    ] as const) {
      const d = m.explain('backend/app/core/x.py');
      expect(d).toMatchObject({ matched: true, index: 0, negated: false });
      expect(d.source?.file).toBe(file);
      expect(m.explain('backend/app/core/readme.md')).toMatchObject({ matched: false, negated: true });
      expect(m.explain('docs/guide.md').source?.policyPath).toEqual([file[0], 2]);
    }
    expect(a.unusedPatterns(['docs/x.md']).map((s) => s.file)).toEqual(['a.yaml', 'a.yaml']);
    expect(b.unusedPatterns(['docs/x.md']).map((s) => s.file)).toEqual(['b.yaml', 'b.yaml']);
  });

  it('compiles a pattern at another position on its own (capture-group names differ)', () => {
    const first = new PathMatcher(['src/**/gen/', 'src/a/']);
    const moved = new PathMatcher(['src/a/', 'src/**/gen/']);
    expect(first.explain('src/x/gen/f.ts').index).toBe(0);
    expect(moved.explain('src/x/gen/f.ts').index).toBe(1);
    expect(moved.explain('src/a/f.ts').index).toBe(0);
  });

  it('lets the last matching pattern decide across its regex chunks (hundreds of patterns)', () => {
    const patterns = Array.from({ length: 700 }, (_, i) => `other${i}/`);
    patterns[3] = 'core/';
    patterns[300] = 'core/**/*.py';
    patterns[650] = '!core/readme.md';
    const m = new PathMatcher(patterns);
    expect(m.explain('core/a/b.py')).toMatchObject({ matched: true, index: 300 });
    expect(m.explain('core/a/b.txt')).toMatchObject({ matched: true, index: 3 });
    expect(m.explain('core/readme.md')).toMatchObject({ matched: false, negated: true, index: 650 });
    expect(m.matches('core/readme.md')).toBe(false);
    expect(m.matches('other699/x')).toBe(true);
    expect(m.explain('elsewhere/x')).toEqual({ matched: false });
  });

  it('answers the same past the bound on remembered patterns', () => {
    for (let i = 0; i < 2100; i++) new PathMatcher([`generated-${i}/`]);
    const m = new PathMatcher(['generated-5/', 'keep/**/x']);
    expect(m.matches('generated-5/a')).toBe(true);
    expect(m.matches('keep/a/b/x')).toBe(true);
    expect(m.matches('generated-6/a')).toBe(false);
  });
});
