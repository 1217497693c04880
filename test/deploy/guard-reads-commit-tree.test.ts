import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const DEPENDENCIES = `dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
`;

// git runs a smudge filter as a checkout writes a file, `git worktree add` included: the filter
// (the user's own config, named for requirements.txt in .git/info/attributes, so nothing is
// committed) leaves a mark, so the test can tell whether a run checked anything out. Hooks would
// not do: no git Slipway starts runs one (git-invocation.ts).
const FILTER = `#!/bin/sh
if [ -n "$CHECKOUT_MARKS" ]; then touch "$CHECKOUT_MARKS/checked-out"; fi
cat
`;

/**
 * Production's guard reads the shipped SHA's files from git's objects: no checkout, no temporary
 * directory. What it judges is the commit, never the working tree, in both directions.
 */
describe("promote's guard reads the shipped commit's tree without checking it out", () => {
  let f: DeployFixture;
  let marks: string;
  let env: Record<string, string>;
  let policy = '';
  /** `slipway …` with the hook's mark directory in the environment. */
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
    writeFileSync(join(marks, 'mark-filter.sh'), FILTER);
    f.repo.git('config', 'filter.mark.smudge', `sh '${join(marks, 'mark-filter.sh')}'`);
    mkdirSync(join(f.repo.dir, '.git/info'), { recursive: true });
    writeFileSync(join(f.repo.dir, '.git/info/attributes'), 'requirements.txt filter=mark\n');
    env = { ...f.env, CHECKOUT_MARKS: marks };
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
      expect(existsSync(join(marks, 'checked-out'))).toBe(false);
      expect(worktreeCount()).toBe(1);
    } finally {
      f.repo.write({ 'requirements.txt': 'requests==2.31.0\n' });
    }
  });

  it('an unpinned commit is refused although the working tree pins the requirement again', async () => {
    f.repo.write({ 'requirements.txt': 'requests>=2\n' });
    const loose = f.repo.commit('loosen requests');
    expect((await cli('promote', loose, '--env', 'staging')).code).toBe(0);
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
    rmSync(join(marks, 'checked-out'), { force: true });
    const dry = await cli('promote', sha, '--env', 'production', '--dry-run');
    expect(dry.stdout).toContain('ok   guard: passes on this tree');
    expect(existsSync(join(marks, 'checked-out'))).toBe(true);
    // Removed again afterwards.
    expect(worktreeCount()).toBe(1);
  });
});
