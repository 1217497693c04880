import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForConnections, recordSpawns } from '../helpers/spawn-recorder.js';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const DEPENDENCIES = `dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
`;

// Whether a run checked anything out: git's own trace (GIT_TRACE, which Slipway keeps for the
// gits it starts) names every `git worktree add`. Hooks and filters would not do: no git Slipway
// starts runs one on a checkout (git-invocation.ts, filter-free.ts).
const checkedOut = (trace: string) =>
  existsSync(trace) && /\bworktree['"]? ['"]?add\b/.test(readFileSync(trace, 'utf8'));

/**
 * Production's guard reads the shipped SHA's files from git's objects: no checkout, no temporary
 * directory. What it judges is the commit, never the working tree, in both directions.
 */
describe("promote's guard reads the shipped commit's tree without checking it out", () => {
  let f: DeployFixture;
  let marks: string;
  let env: Record<string, string>;
  let policy = '';
  /** `slipway …` with git's trace going to the marks directory. */
  const cli = (...args: string[]) => runCli(args, { cwd: f.repo.dir, env });
  const worktreeCount = () => f.repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length;
  beforeAll(async () => {
    f = await new DeployFixture().start();
    marks = mkdtempSync(join(tmpdir(), 'slipway-marks-'));
    policy = `${DEPENDENCIES}${readFileSync(join(f.repo.dir, 'slipway.yaml'), 'utf8')}`;
    f.repo.write({
      'slipway.yaml': policy,
      'requirements.txt': 'requests==2.31.0\n',
      'requirements.lock': 'requests==2.31.0\n',
    });
    f.repo.commit('pinned requirements');
    await f.ship();
    env = { ...f.env, GIT_TRACE: join(marks, 'trace') };
  });
  afterAll(async () => {
    await f.dispose();
    rmSync(marks, { recursive: true, force: true });
  });

  it('a pinned commit passes although the working tree unpins the requirement, and nothing is checked out', async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    f.repo.write({ 'requirements.txt': 'requests>=2\n' });
    try {
      const dry = await cli('promote', sha, '--env', 'production', '--dry-run');
      expect(dry.stdout).toContain('ok   guard: passes on this tree');
      expect(dry.code).toBe(0);
      expect(checkedOut(join(marks, 'trace'))).toBe(false);
      expect(worktreeCount()).toBe(1);
    } finally {
      f.repo.write({ 'requirements.txt': 'requests==2.31.0\n' });
    }
  });

  it('an unpinned commit is refused although the working tree pins the requirement again', async () => {
    f.repo.write({ 'requirements.txt': 'requests>=2\n' });
    const loose = f.repo.commit('loosen requests');
    // Not verified on staging first: staging's own guard would refuse it (promote-gates.test.ts).
    f.repo.write({ 'requirements.txt': 'requests==2.31.0\n' });
    const dry = await cli('promote', loose, '--env', 'production', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/FAIL guard: DEP001 requirements\.txt:1 /);
  });

  it('a policy with databases to audit still gets a checkout of the SHA for that step', async () => {
    const withDb = `${policy}migrations:\n  databases:\n    prod: { url_env: SLIPWAY_TEST_UNSET_DB_URL }\n`;
    f.repo.write({ 'slipway.yaml': withDb });
    const sha = f.repo.commit('a database to audit');
    expect((await cli('promote', sha, '--env', 'staging')).code).toBe(0);
    rmSync(join(marks, 'trace'), { force: true });
    const dry = await cli('promote', sha, '--env', 'production', '--dry-run');
    expect(dry.stdout).toContain('ok   guard: passes on this tree');
    expect(checkedOut(join(marks, 'trace'))).toBe(true);
    // Removed again afterwards.
    expect(worktreeCount()).toBe(1);
  });

  it('that checkout runs no filter: a committed `filter=lfs` and .lfsconfig start no git-lfs, contact no host', async () => {
    // The user's own config, as `git lfs install` writes it; git-lfs is a recording shim.
    const lfs = recordSpawns(['git-lfs'], { refuse: ['git-lfs'] });
    const host = await listenForConnections();
    try {
      f.repo.write({
        '.gitattributes': 'requirements.txt filter=lfs diff=lfs merge=lfs\n',
        '.lfsconfig': `[lfs]\n\turl = http://127.0.0.1:${host.port}/objects\n`,
      });
      const sha = f.repo.commit('lfs attributes');
      // Configured after the commit: the test's own `git add` would run the filter on a file whose
      // index entry is racily clean (written within the same second), and git-lfs is not here.
      f.repo.git('config', 'filter.lfs.process', 'git-lfs filter-process');
      f.repo.git('config', 'filter.lfs.smudge', 'git-lfs smudge -- %f');
      f.repo.git('config', 'filter.lfs.required', 'true');
      expect((await cli('promote', sha, '--env', 'staging')).code).toBe(0);
      rmSync(join(marks, 'trace'), { force: true });
      const dry = await runCli(['promote', sha, '--env', 'production', '--dry-run'], {
        cwd: f.repo.dir,
        env: lfs.env({ ...process.env, ...env }) as Record<string, string>,
      });
      expect(checkedOut(join(marks, 'trace'))).toBe(true);
      expect(lfs.calls()).toEqual([]);
      expect(host.connections()).toBe(0);
      // Near miss: the same checkout still judges the commit (written as stored, unfiltered).
      expect(dry.stdout).toContain('ok   guard: passes on this tree');
    } finally {
      for (const key of ['process', 'smudge', 'required'])
        f.repo.git('config', '--unset', `filter.lfs.${key}`);
      lfs.dispose();
      await host.close();
    }
  });
});
