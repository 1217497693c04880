import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../test/helpers/git-repo.js';
import { readChangeSet, workingTreeChanges } from '@slipway/policy-core/node';
import { changeFor, listingFor, startEarlyGit, startGateGit, statusFor } from '../src/early-git.js';

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

describe('startEarlyGit: the git work `check` will read, started before it loads', () => {
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
      const early = startEarlyGit(argv, cwd, env);
      expect(early?.root, argv.join(' ')).toBe(root);
      expect((await early?.listing)?.equals(expected)).toBe(true);
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
      expect(startEarlyGit(argv, cwd, env), argv.join(' ')).toBeUndefined();
    }
  });

  it('leaves the root to git when a variable changes where git looks (GIT_DIR)', () => {
    const r = repo();
    expect(startEarlyGit(['check'], r.dir, { ...env, GIT_DIR: join(r.dir, '.git') })).toBeUndefined();
  });

  it('is used only for the root it was started in', async () => {
    const r = repo();
    const early = startEarlyGit(['check'], r.dir, env);
    expect(listingFor(early, realpathSync(r.dir))).toBe(early?.listing);
    expect(listingFor(early, join(realpathSync(r.dir), 'sub'))).toBeUndefined();
    expect(listingFor(undefined, realpathSync(r.dir))).toBeUndefined();
    await early?.listing;
  });

  it('reads the change a --base names, as readChangeSet reads it, whatever the production branch', async () => {
    const r = repo();
    r.git('checkout', '-q', '-b', 'feature');
    r.write({ 'sub/c.txt': 'c\n' }).remove('b.txt').commit('feature work');
    const root = realpathSync(r.dir);
    const early = startEarlyGit(
      ['check', '--base', 'main', '--label', 'x', '--branch', 'feature'],
      r.dir,
      env,
    );
    const flags = { base: 'main', branch: 'feature', labels: ['x'] };
    const read = changeFor(early, root, flags);
    expect(read).toBe(early?.change?.read);
    const [got, wanted] = await Promise.all([
      read,
      readChangeSet({ repo: root, ...flags, productionBranch: 'does-not-matter', env }),
    ]);
    const plain = (c: typeof got) => JSON.parse(JSON.stringify({ ...c, readBase: undefined }));
    expect(plain(got)).toEqual(plain(wanted));
    expect(got?.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual([
      'added sub/c.txt',
      'deleted b.txt',
    ]);
  });

  it('leaves the change to the policy without --base, with --tree, and is used only for the same flags', async () => {
    const r = repo();
    const root = realpathSync(r.dir);
    for (const argv of [['check'], ['check', '--tree'], ['check', '--base'], ['check', '--head', 'HEAD']]) {
      const early = startEarlyGit(argv, r.dir, env);
      expect(early?.change, argv.join(' ')).toBeUndefined();
      await early?.listing;
    }
    const early = startEarlyGit(['check', '--base', 'main', '--label', 'a'], r.dir, env);
    expect(changeFor(early, root, { base: 'main', labels: ['a'] })).toBe(early?.change?.read);
    for (const flags of [
      { base: 'main' },
      { base: 'main', labels: ['b'] },
      { base: 'main', labels: ['a', 'b'] },
      { base: 'HEAD~0', labels: ['a'] },
      { base: 'main', head: 'HEAD', labels: ['a'] },
      { base: 'main', branch: 'x', labels: ['a'] },
    ]) {
      expect(changeFor(early, root, flags), JSON.stringify(flags)).toBeUndefined();
    }
    expect(changeFor(early, join(root, 'sub'), { base: 'main', labels: ['a'] })).toBeUndefined();
    await Promise.allSettled([early?.listing, early?.change?.read]);
  });
});

describe("startGateGit: the agent gate's listing and git status, started while the engine loads", () => {
  it('lists the files and reads the uncommitted ones of the root the agent runs in, as the gate would', async () => {
    const r = repo();
    r.write({ 'sub/new.txt': 'n\n', 'b.txt': 'changed\n' });
    const root = realpathSync(r.dir);
    const early = startGateGit(join(r.dir, 'sub'), env);
    expect(early?.root).toBe(root);
    const listed = execFileSync('git', ['ls-files', '-z', '--full-name'], { cwd: root });
    expect((await listingFor(early, root))?.equals(listed)).toBe(true);
    const status = statusFor(early, root);
    expect(status).toBe(early?.status);
    expect(await status).toEqual(await workingTreeChanges(root));
    expect((await status)?.map((f) => `${f.status} ${f.path}`).sort()).toEqual([
      'added sub/new.txt',
      'modified b.txt',
    ]);
    // Another root (a nested repository, a different --repo) asks git itself.
    expect(statusFor(early, join(root, 'sub'))).toBeUndefined();
    expect(statusFor(undefined, root)).toBeUndefined();
  });

  it('starts nothing outside git or when GIT_DIR says where git looks', () => {
    const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
    dirs.push(outside);
    expect(startGateGit(outside, env)).toBeUndefined();
    const r = repo();
    expect(startGateGit(r.dir, { ...env, GIT_DIR: join(r.dir, '.git') })).toBeUndefined();
  });
});
