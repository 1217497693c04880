import { PathMatcher } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** The definition: a pattern is unused when, alone, it decides about no path (nor parent dir). */
function naiveUnused(patterns: string[], paths: string[]): string[] {
  return patterns.filter(
    (p) => !paths.some((path) => new PathMatcher([p]).explain(path).source !== undefined),
  );
}

describe('PathMatcher.unusedPatterns', () => {
  const dirs = ['backend/app/core', 'backend/app/services', 'docs', 'docs/reports', 'infra/scripts', 'a b/ü'];
  const names = ['x.py', 'payments.py', 'payments_v2.py', 'README.md', '.env', 'deploy.yml', 'q?.txt'];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const paths = Array.from({ length: 300 }, () => `${dirs[rand(dirs.length)]}/${names[rand(names.length)]}`);
  const patterns = [
    'backend/app/core/',
    'backend/app/gone/',
    'backend/app/services/payments*',
    'backend/app/services/refunds*',
    '/docs/*.md',
    '/docs/*.txt',
    'docs/**/README.md',
    '*.yml',
    '*.toml',
    '.env',
    'a b/ü/',
    '!docs/reports/',
    '!nowhere/',
    '/infra/scripts/*',
    'infra/[st]cripts/',
    'infra/[x]cripts/',
    'q\\?.txt',
  ];

  it('agrees with the one-pattern-at-a-time definition', () => {
    const unused = new PathMatcher(patterns).unusedPatterns(paths).map((s) => s.pattern);
    expect(unused).toEqual(naiveUnused(patterns, paths));
    expect(unused).toEqual(
      expect.arrayContaining(['backend/app/gone/', 'backend/app/services/refunds*', '*.toml', '!nowhere/']),
    );
    expect(unused).not.toContain('backend/app/core/');
  });
});
