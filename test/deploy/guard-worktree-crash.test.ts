import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStart } from '@slipway/policy-core/node';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli, startCli } from './helpers/run-cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await sleep(50);
  if (!ok()) throw new Error(`gave up waiting for ${what}`);
}

// git runs a smudge filter as `git worktree add` writes app.txt (hooks it never runs for Slipway:
// git-invocation.ts): with SLOW_WORKTREE set, the filter says where it is and holds the add open,
// so the test can SIGKILL slipway while it sets up the worktree. A filter is the user's own
// config (git-lfs works this way), which Slipway's git honours.
const SLOW_FILTER = `if [ -n "$SLOW_WORKTREE" ]; then
  touch "$SLOW_WORKTREE/in-filter"
  sleep 1
  touch "$SLOW_WORKTREE/filter-done"
fi
cat
`;

// The guard checks the shipped SHA out only for a step that works in a directory: the database
// audit, which any configured database turns on (its URL variable unset here: nothing to reach).
const DATABASES = 'migrations:\n  databases:\n    prod: { url_env: SLIPWAY_TEST_UNSET_DB_URL }\n';

describe('a guard killed while it sets up its worktree leaves nothing behind for long', () => {
  let f: DeployFixture;
  let tmp: string;
  let marks: string;
  let env: Record<string, string>;
  const worktrees = () =>
    f.repo
      .git('worktree', 'list', '--porcelain')
      .split('\n')
      .filter((l) => l.startsWith('worktree '))
      .map((l) => l.slice('worktree '.length));
  const guardDirs = () => readdirSync(tmp).filter((n) => n.startsWith('slipway-guard-'));

  beforeAll(async () => {
    f = await new DeployFixture().start();
    f.repo.write({
      'slipway.yaml': `${readFileSync(join(f.repo.dir, 'slipway.yaml'), 'utf8')}${DATABASES}`,
      '.gitattributes': 'app.txt filter=slow\n',
    });
    f.repo.commit('a database to audit');
    tmp = mkdtempSync(join(tmpdir(), 'slipway-guard-tmp-'));
    marks = mkdtempSync(join(tmpdir(), 'slipway-marks-'));
    env = { ...f.env, TMPDIR: tmp };
    writeFileSync(join(marks, 'slow-filter.sh'), SLOW_FILTER);
    f.repo.git('config', 'filter.slow.smudge', `sh '${join(marks, 'slow-filter.sh')}'`);
    expect((await runCli(['promote', '--env', 'staging'], { cwd: f.repo.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await f.dispose();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(marks, { recursive: true, force: true });
  });

  it('SIGKILL during `git worktree add`: the next run removes the leftover worktree and its directory', async () => {
    const run = startCli(['promote', '--env', 'production', '--yes', '--approved-by', 'Ada'], {
      cwd: f.repo.dir,
      env: { ...env, SLOW_WORKTREE: marks },
    });
    await until('the filter to start', () => existsSync(join(marks, 'in-filter')));
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    // git itself was not killed: it finishes the add, as it would after a crashed runner.
    await until('git to finish', () => existsSync(join(marks, 'filter-done')));
    await until('git to register the worktree', () => worktrees().length === 2);
    const left = worktrees()[1] ?? '';
    expect(left.startsWith(tmp)).toBe(true);
    expect(existsSync(left)).toBe(true);
    expect(guardDirs()).toHaveLength(1);

    const next = await runCli(['promote', '--env', 'production', '--dry-run'], { cwd: f.repo.dir, env });
    expect(next.stderr).toBe('');
    expect(next.stdout).toContain('ok   guard: passes on this tree');
    expect(worktrees()).toEqual([f.repo.git('rev-parse', '--show-toplevel').trim()]);
    expect(existsSync(left)).toBe(false);
    expect(guardDirs()).toEqual([]);
    expect(f.repo.git('worktree', 'prune', '--dry-run', '--verbose')).toBe('');
  });

  it("leaves a live guard's worktree and the user's own worktrees alone", async () => {
    const live = join(tmp, `slipway-guard-${process.pid}.${processStart(process.pid) ?? ''}-Abc123`);
    const mine = join(tmp, 'my-own-worktree');
    f.repo.git('worktree', 'add', '--quiet', '--detach', join(live, 'tree'), 'HEAD');
    f.repo.git('worktree', 'add', '--quiet', '--detach', mine, 'HEAD');
    try {
      const next = await runCli(['promote', '--env', 'production', '--dry-run'], { cwd: f.repo.dir, env });
      expect(next.code, next.stdout + next.stderr).toBe(0);
      expect(worktrees().slice(1).sort()).toEqual([join(live, 'tree'), mine].sort());
      expect(existsSync(join(live, 'tree'))).toBe(true);
    } finally {
      f.repo.git('worktree', 'remove', '--force', join(live, 'tree'));
      f.repo.git('worktree', 'remove', '--force', mine);
    }
  });
});
