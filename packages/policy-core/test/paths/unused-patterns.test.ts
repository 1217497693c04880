import { JoinedListing, PathMatcher } from '@slipway/policy-core';
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

  // The same answer whichever way the list arrives: sorted as git lists it (binary search over
  // literal prefixes), shuffled, with duplicates (an unmerged index entry is listed per stage),
  // or in spellings that need normalising first.
  it.each([
    ['sorted', [...new Set(paths)].sort()],
    ['with duplicates', [...paths, ...paths].sort()],
    [
      'unnormalised',
      paths.map((p, i) => (i % 3 === 0 ? `./${p}` : i % 3 === 1 ? p.replace(/\//g, '\\') : p)),
    ],
  ])('gives the same answer for a %s list', (_name, list) => {
    const unused = new PathMatcher(patterns).unusedPatterns(list).map((s) => s.pattern);
    expect(unused).toEqual(naiveUnused(patterns, paths));
  });

  it("gives the same answer over git's listing kept whole (JoinedListing), which it never splits", () => {
    const sorted = [...new Set(paths)].sort();
    const joined = new JoinedListing(sorted.join('\0'));
    let split = false;
    const listing = {
      all: () => {
        split = true;
        return joined.all();
      },
      under: (prefix: string) => joined.under(prefix),
    };
    const anchored = patterns.filter((p) => p.includes('/') && !p.startsWith('!') && !p.startsWith('*'));
    expect(new PathMatcher(anchored).unusedPatterns(listing).map((s) => s.pattern)).toEqual(
      naiveUnused(anchored, paths),
    );
    expect(split).toBe(false);
    // Unanchored patterns need every path: then, and only then, the listing is split.
    expect(new PathMatcher(patterns).unusedPatterns(listing).map((s) => s.pattern)).toEqual(
      naiveUnused(patterns, paths),
    );
    expect(split).toBe(true);
  });

  it('JoinedListing.under answers exactly the paths with the prefix, at every boundary', () => {
    const sorted = [...new Set(paths)].sort();
    const joined = new JoinedListing(sorted.join('\0'));
    const prefixes = [
      '',
      'a',
      'a b/',
      'b',
      'backend/app/',
      'backend/app/core/x.py',
      'docs/',
      'docs/reports/',
      'zzz',
      '!',
      '~',
    ];
    for (const p of sorted) prefixes.push(p, p.slice(0, -1), `${p}x`);
    for (const prefix of prefixes)
      expect([...joined.under(prefix)], prefix).toEqual(sorted.filter((f) => f.startsWith(prefix)));
    expect([...new JoinedListing('').under('')]).toEqual([]);
    expect(new JoinedListing('').all()).toEqual([]);
    expect([...new JoinedListing('only').under('o')]).toEqual(['only']);
  });

  it('finds a pattern used only by the last path of a sorted list, and not by a longer sibling', () => {
    const list = ['a/x', 'b/y', 'zz/last.txt'];
    const m = new PathMatcher(['/zz/last.txt', '/zz/last', '/zz/last.txt/', 'b/', '/b']);
    expect(m.unusedPatterns(list).map((s) => s.pattern)).toEqual(['/zz/last', '/zz/last.txt/']);
  });

  it('counts a listed directory (a submodule) for a directory pattern only when it is one', () => {
    const list = ['a/x', 'vendor/lib', 'z/lib'];
    const m = new PathMatcher(['vendor/lib/', 'lib/', '/z/lib/x', 'a/x/']);
    const isDirectory = (p: string) => p === 'vendor/lib' || p === 'z/lib';
    expect(m.unusedPatterns(list, isDirectory).map((s) => s.pattern)).toEqual(['/z/lib/x', 'a/x/']);
    expect(m.unusedPatterns(list).map((s) => s.pattern)).toEqual(['vendor/lib/', 'lib/', '/z/lib/x', 'a/x/']);
    expect(m.unusedPatterns(list, () => false).map((s) => s.pattern)).toEqual([
      'vendor/lib/',
      'lib/',
      '/z/lib/x',
      'a/x/',
    ]);
  });
});
