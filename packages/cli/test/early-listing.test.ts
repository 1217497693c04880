import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../test/helpers/git-repo.js';
import { listingFor, startEarlyListing } from '../src/early-listing.js';

const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(): TempRepo {
  const r = new TempRepo({ 'slipway.yaml': 'version: 1\n', 'sub/a.txt': 'a\n', 'b.txt': 'b\n' });
  r.commit('init');
  repos.push(r);
  return r;
}

const env = { ...process.env, GIT_DIR: undefined, GIT_WORK_TREE: undefined };

describe('startEarlyListing: the file listing `check` will read, started before it loads', () => {
  it("lists the repository root's files as `git ls-files -z --full-name` does, from a subdirectory or --repo", async () => {
    const r = repo();
    const root = realpathSync(r.dir);
    const expected = execFileSync('git', ['ls-files', '-z', '--full-name'], { cwd: root });
    for (const [argv, cwd] of [
      [['check'], join(r.dir, 'sub')],
      [['check', '--repo', r.dir, '--format', 'json'], tmpdir()],
      [[`--debug`, 'check', `--repo=${join(r.dir, 'sub')}`], tmpdir()],
      [['check', '--head', 'HEAD', '--base', 'main'], r.dir],
      [['check', '--tree'], r.dir],
    ] as const) {
      const early = startEarlyListing(argv, cwd, env);
      expect(early?.root, argv.join(' ')).toBe(root);
      expect((await early?.bytes)?.equals(expected)).toBe(true);
    }
  });

  it('starts nothing for other commands, help, a --head naming another commit, a file, or outside git', () => {
    const r = repo();
    const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
    dirs.push(outside);
    for (const [argv, cwd] of [
      [['guard'], r.dir],
      [['explain', 'check'], r.dir],
      [['check', '--help'], r.dir],
      [['check', '-h'], r.dir],
      [['check', '--head', 'main'], r.dir],
      [['check'], outside],
      [['check', '--repo', outside], r.dir],
      [['check', '--repo', join(r.dir, 'sub/a.txt')], r.dir],
      [['check', '--repo', join(r.dir, 'b.txt/deeper')], r.dir],
      [[], r.dir],
    ] as const) {
      expect(startEarlyListing(argv, cwd, env), argv.join(' ')).toBeUndefined();
    }
  });

  it('leaves the root to git when a variable changes where git looks (GIT_DIR)', () => {
    const r = repo();
    expect(startEarlyListing(['check'], r.dir, { ...env, GIT_DIR: join(r.dir, '.git') })).toBeUndefined();
  });

  it('is used only for the root it was started in', async () => {
    const r = repo();
    const early = startEarlyListing(['check'], r.dir, env);
    expect(listingFor(early, realpathSync(r.dir))).toBe(early?.bytes);
    expect(listingFor(early, join(realpathSync(r.dir), 'sub'))).toBeUndefined();
    expect(listingFor(undefined, realpathSync(r.dir))).toBeUndefined();
    await early?.bytes;
  });
});
