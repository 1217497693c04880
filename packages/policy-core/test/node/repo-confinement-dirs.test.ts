import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoConfinement } from '@slipway/policy-core/node';

// One CLI run resolves a directory from its parent's real path and one lstat (a Prisma history
// is a thousand directories); the answers must be realpath's, links included.
const base = mkdtempSync(join(tmpdir(), 'slipway-confine-dirs-'));
const root = join(base, 'repo');
const outside = join(base, 'elsewhere');
mkdirSync(join(root, 'prisma', 'migrations', '20240101_init'), { recursive: true });
mkdirSync(join(root, 'db', 'real'), { recursive: true });
mkdirSync(join(outside, 'deep'), { recursive: true });
symlinkSync(outside, join(root, 'out'));
symlinkSync(join(root, 'db', 'real'), join(root, 'db', 'alias'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('RepoConfinement.realDir in one run (with its cache) and without', () => {
  const boxes = {
    cached: () => new RepoConfinement(root, new Map()),
    uncached: () => new RepoConfinement(root),
  };
  for (const [name, make] of Object.entries(boxes)) {
    it(`${name}: a nested directory resolves to its real path, as realpath does`, () => {
      const box = make();
      const dir = join(root, 'prisma', 'migrations', '20240101_init');
      expect(box.realDir(dir)).toBe(realpathSync.native(dir));
      // Asked again (the cache's answer, when there is one): the same.
      expect(box.realDir(dir)).toBe(realpathSync.native(dir));
    });
    it(`${name}: a directory below a link leading outside is outside`, () => {
      const box = make();
      expect(box.realDir(join(root, 'out', 'deep'))).toBe(false);
      expect(box.realDir(join(root, 'out'))).toBe(false);
    });
    it(`${name}: a trailing slash or a \`..\` never makes a link leading outside count as inside`, () => {
      const box = make();
      expect(box.realDir(`${join(root, 'out')}/`)).toBe(false);
      expect(box.realDir(`${join(root, 'db')}/../out/`)).toBe(false);
      expect(box.realDir(`${join(root, 'db')}/../out`)).toBe(false);
      expect(box.realDir(`${root}/db/../../`)).toBe(false);
    });
    it(`${name}: a link to a directory inside resolves to its target; a missing one is undefined`, () => {
      const box = make();
      expect(box.realDir(join(root, 'db', 'alias'))).toBe(realpathSync.native(join(root, 'db', 'real')));
      expect(box.realDir(join(root, 'db', 'missing'))).toBeUndefined();
      expect(box.realDir(join(root, 'db', 'missing', 'below'))).toBeUndefined();
    });
  }
});

describe('RepoConfinement.holds at the file system root', () => {
  it('a repository at / holds its files and never its .git', () => {
    const box = new RepoConfinement('/');
    Object.defineProperty(box, 'realRoot', { get: () => '/' });
    expect(box.holds('/src/app.py')).toBe(true);
    expect(box.holds('/.git/config')).toBe(false);
    expect(box.holds('/sub/.git/HEAD')).toBe(false);
  });
});
