import { describe, expect, it } from 'vitest';
import { normalizeRepoPath, PathMatcher, validatePattern } from '../../src/paths/index.js';

describe('validatePattern', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['!', /`!` alone/],
    ['/', /names no path/],
    ['#core', /comment/],
    ['backend/***/x', /`\*\*\*`/],
    ['docs\\', /lone `\\`/],
    ['backend\\app\\core', /separate directories with `\/`/],
    ['docs//a.md', /empty directory name/],
    ['../secrets/', /not resolved/],
    ['./docs/', /not resolved/],
    ['docs/{a,b}.md', /braces are literal/],
    ['file[0-9.txt', /never closes/],
    ['file[[:foo:]].txt', /`\[:foo:\]` is not a character class/],
  ])('%j is a problem', (pattern, problem) => {
    expect(validatePattern(pattern)).toMatch(problem);
  });

  it.each([
    'backend/app/core/',
    '/docs/*.md',
    '!docs/public.md',
    '\\#notes',
    '\\!important',
    'a/**/b',
    '**/migrations/**/*.sql',
    'file[[:digit:]].txt',
    'trail\\ ',
    'café/menu.md',
    'with space/',
    'payments*',
  ])('%j is fine', (pattern) => {
    expect(validatePattern(pattern)).toBeUndefined();
  });
});

describe('normalizeRepoPath', () => {
  it.each([
    ['backend/app/x.py', 'backend/app/x.py'],
    ['backend\\app\\x.py', 'backend/app/x.py'],
    ['./docs/a.md', 'docs/a.md'],
    ['/docs/a.md', 'docs/a.md'],
    ['docs//a.md', 'docs/a.md'],
    ['docs/./a.md', 'docs/a.md'],
    ['docs/x/../a.md', 'docs/a.md'],
    ['docs/', 'docs/'],
    ['docs\\', 'docs/'],
    ['with space/café.md', 'with space/café.md'],
  ])('%j → %j', (input, output) => {
    expect(normalizeRepoPath(input)).toBe(output);
  });
});

describe('PathMatcher.explain and unusedPatterns', () => {
  const sources = [
    { pattern: 'backend/app/core/', file: 'slipway.yaml', policyPath: ['protected', 'paths', 0] },
    {
      pattern: 'backend/app/services/payments*',
      file: 'slipway.yaml',
      policyPath: ['protected', 'paths', 1],
    },
    { pattern: 'backend/app/guardian/', file: 'slipway.yaml', policyPath: ['protected', 'paths', 2] },
    { pattern: '!backend/app/core/README.md', file: 'slipway.yaml', policyPath: ['protected', 'paths', 3] },
  ];
  const m = new PathMatcher(sources);

  it('names the deciding pattern with where it is written', () => {
    expect(m.explain('backend/app/services/paymentsx/refund.py')).toEqual({
      matched: true,
      source: sources[1],
      index: 1,
      negated: false,
    });
    expect(m.explain('backend/app/core/README.md')).toEqual({
      matched: false,
      source: sources[3],
      index: 3,
      negated: true,
    });
    expect(m.explain('frontend/x.ts')).toEqual({ matched: false });
  });

  it('lists the patterns that match no path (stale protection)', () => {
    const repo = ['backend/app/core/auth.py', 'backend/app/services/payments_v2.py', 'README.md'];
    expect(m.unusedPatterns(repo).map((s) => s.pattern)).toEqual([
      'backend/app/guardian/',
      '!backend/app/core/README.md',
    ]);
    expect(m.unusedPatterns([]).length).toBe(4);
    expect(new PathMatcher(['#comment', 'a']).unusedPatterns(['a'])).toEqual([{ pattern: '#comment' }]);
  });

  it('an empty pattern list matches nothing', () => {
    const none = new PathMatcher([]);
    expect(none.matches('a')).toBe(false);
    expect(none.explain('a')).toEqual({ matched: false });
  });
});
