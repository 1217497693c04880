import { describe, expect, it } from 'vitest';
import { PathMatcher } from '../../src/paths/index.js';

/**
 * [patterns, path, matched, index of the deciding pattern (undefined when none matched)].
 * Each row states one rule of gitignore(5) as Slipway's path patterns follow it.
 */
type Row = [patterns: string[], path: string, matched: boolean, decider?: number];

const CASES: Record<string, Row[]> = {
  'anchoring by a leading slash': [
    [['/docs/*.md'], 'docs/a.md', true, 0],
    [['/docs/*.md'], 'sub/docs/a.md', false],
    [['/Dockerfile'], 'Dockerfile', true, 0],
    [['/Dockerfile'], 'app/Dockerfile', false],
  ],
  'anchoring by a middle slash': [
    [['backend/app/core/'], 'backend/app/core/auth.py', true, 0],
    [['backend/app/core/'], 'x/backend/app/core/auth.py', false],
    [['app/core'], 'app/core/a.py', true, 0],
    [['app/core'], 'backend/app/core/a.py', false],
  ],
  'no slash matches at any depth': [
    [['*.log'], 'a.log', true, 0],
    [['*.log'], 'deep/er/a.log', true, 0],
    [['Dockerfile'], 'services/api/Dockerfile', true, 0],
    [['core'], 'backend/app/core/x.py', true, 0],
    [['core'], 'backend/app/corex/x.py', false],
  ],
  'trailing slash: directories only, at any depth without another slash': [
    [['apps/'], 'apps/web/index.ts', true, 0],
    [['apps/'], 'packages/apps/x.ts', true, 0],
    [['apps/'], 'apps', false],
    [['apps/'], 'packages/apps', false],
    [['apps/'], 'apps/', true, 0],
    [['apps'], 'packages/apps', true, 0],
  ],
  'docs/* covers subdirectories as gitignore does': [
    [['docs/*'], 'docs/a.md', true, 0],
    [['docs/*'], 'docs/a/b.md', true, 0],
    [['docs/*'], 'docs', false],
    [['/docs/*.md'], 'docs/a/b.md', false],
    [['docs/*.md'], 'docs/reports/x.md', false],
  ],
  '* does not cross /': [
    [['backend/*.py'], 'backend/app/x.py', false],
    [['a*b'], 'a/b', false],
    [['a?b'], 'a/b', false],
  ],
  '**: leading, trailing, middle': [
    [['**/foo'], 'foo', true, 0],
    [['**/foo'], 'a/b/foo', true, 0],
    [['**/foo/bar'], 'x/foo/bar/baz.txt', true, 0],
    [['abc/**'], 'abc/x', true, 0],
    [['abc/**'], 'abc/x/y/z', true, 0],
    [['abc/**'], 'abc', false],
    [['a/**/b'], 'a/b', true, 0],
    [['a/**/b'], 'a/x/b', true, 0],
    [['a/**/b'], 'a/x/y/b/file', true, 0],
    [['a/**/b'], 'a/xb', false],
    [['**/migrations/**/*.sql'], 'backend/app/db/migrations/2024/01_init.sql', true, 0],
    [['**/migrations/**/*.sql'], 'migrations/01.sql', true, 0],
    [['a**b'], 'axxb', true, 0],
    [['a**b'], 'ax/xb', false],
    [['a/***/b'], 'a/x/y/b', true, 0],
    [['*a*e*'], 'x/banned', true, 0],
    [['*a*e*'], 'x/bandit', false],
    [['p*m*n*s*'], 'backend/payments_v2.py', true, 0],
    [['p*m*n*s*'], 'backend/paymentx.py', false],
    [['**/a*/**/b*/**/x.py'], 'q/ab/c/bb/d/e/x.py', true, 0],
    [['**/a*/**/b*/**/x.py'], 'q/ab/c/d/e/x.py', false],
    [['a/**/b/**/c/'], 'a/b/c/f', true, 0],
    [['a/**/b/**/c/'], 'a/b/c', false],
  ],
  'payments* matches a directory and so its subtree': [
    [['backend/app/services/payments*'], 'backend/app/services/payments_v2.py', true, 0],
    [['backend/app/services/payments*'], 'backend/app/services/paymentsx/refund.py', true, 0],
    [['backend/app/services/payments*'], 'backend/app/services/payments', true, 0],
    [['backend/app/services/payments*'], 'backend/app/servicesX/payments.py', false],
    [['backend/app/services/payments*'], 'backend/app/services/other/payments.py', false],
  ],
  dotfiles: [
    [['*'], '.env', true, 0],
    [['.env*'], 'config/.env.production', true, 0],
    [['.github/'], '.github/workflows/ci.yml', true, 0],
    [['backend/**/*.py'], 'backend/.hidden/x.py', true, 0],
    [['?env'], '.env', true, 0],
  ],
  '! re-includes, even under an excluded directory': [
    [['docs/', '!docs/public.md'], 'docs/public.md', false, 1],
    [['docs/', '!docs/public.md'], 'docs/private.md', true, 0],
    [['backend/', '!backend/app/'], 'backend/app/x.py', false, 1],
    [['backend/', '!backend/app/', 'backend/app/core/'], 'backend/app/core/x.py', true, 2],
    [['!x.py'], 'x.py', false, 0],
  ],
  'last match wins': [
    [['*.md', '!README.md'], 'docs/README.md', false, 1],
    [['!README.md', '*.md'], 'docs/README.md', true, 1],
    [['docs/', 'docs/a.md'], 'docs/a.md', true, 1],
    [['docs/a.md', 'docs/'], 'docs/a.md', true, 1],
  ],
  'escapes and trailing spaces': [
    [['\\!important.txt'], '!important.txt', true, 0],
    [['\\#notes'], '#notes', true, 0],
    [['#notes'], '#notes', false],
    [['foo.txt   '], 'foo.txt', true, 0],
    [['foo.txt\\ '], 'foo.txt ', true, 0],
    [['foo.txt\\ '], 'foo.txt', false],
    [['a\\*b'], 'a*b', true, 0],
    [['a\\*b'], 'axb', false],
  ],
  'character classes': [
    [['file[0-9].txt'], 'file7.txt', true, 0],
    [['file[!0-9].txt'], 'file7.txt', false],
    [['file[^0-9].txt'], 'filex.txt', true, 0],
    [['file[[:upper:]].txt'], 'fileQ.txt', true, 0],
    [['a[/]b'], 'a/b', false],
  ],
  'spaces and non-ASCII': [
    [['docs/with space/'], 'docs/with space/a.md', true, 0],
    [['café/*.md'], 'café/menu.md', true, 0],
    // git's `?` matches one UTF-8 byte (it misses this); Slipway's matches one character.
    [['caf?/x'], 'café/x', true, 0],
    [['*.md'], 'docs/Überblick.md', true, 0],
    [['emoji/?.txt'], 'emoji/🚀.txt', true, 0],
  ],
  'Windows separators in paths': [
    [['backend/app/core/'], 'backend\\app\\core\\auth.py', true, 0],
    [['/docs/*.md'], 'docs\\a.md', true, 0],
    [['/docs/*.md'], '.\\docs\\a.md', true, 0],
    [['/docs/*.md'], './docs//a.md', true, 0],
  ],
  'case sensitivity, as git on Linux': [[['README.md'], 'readme.md', false]],
  'comments and empty patterns match nothing': [
    [['', 'a'], 'a', true, 1],
    [['!'], 'a', false],
  ],
};

describe('PathMatcher (gitignore semantics)', () => {
  for (const [group, rows] of Object.entries(CASES)) {
    describe(group, () => {
      it.each(rows)('%j on %j → %s (pattern %s)', (patterns, path, matched, decider) => {
        const m = new PathMatcher(patterns);
        expect(m.matches(path)).toBe(matched);
        const d = m.explain(path);
        expect(d.matched).toBe(matched);
        expect(d.index).toBe(decider);
        if (decider !== undefined) expect(d.source?.pattern).toBe(patterns[decider]);
      });
    });
  }

  it('has at least 60 cases', () => {
    expect(Object.values(CASES).flat().length).toBeGreaterThanOrEqual(60);
  });
});
