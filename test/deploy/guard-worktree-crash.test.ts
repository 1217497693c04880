import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStart } from '@slipway/policy-core/node';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli, startCli } from './helpers/run-cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await sleep(50);
  if (!ok()) throw new Error(`gave up waiting for ${what}`);
}

// A `git` first on PATH that, for `worktree add` with SLOW_WORKTREE set, lets git add the
// worktree, says so, and holds the answer back a second, so the test can SIGKILL slipway while it
// sets up the worktree. (Neither a hook nor a filter would do: no git Slipway starts runs one on
// that checkout, git-invocation.ts and filter-free.ts.)
const slowGit = (real: string) => `#!/bin/sh
case " $* " in *" worktree add "*)
  '${real}' "$@"; rc=$?
  if [ -n "$SLOW_WORKTREE" ]; then touch "$SLOW_WORKTREE/in-filter"; sleep 1; touch "$SLOW_WORKTREE/filter-done"; fi
  exit $rc;;
esac
exec '${real}' "$@"
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
    });
    f.repo.commit('a database to audit');
    tmp = mkdtempSync(join(tmpdir(), 'slipway-guard-tmp-'));
    marks = mkdtempSync(join(tmpdir(), 'slipway-marks-'));
    const shims = join(marks, 'bin');
    execFileSync('mkdir', [shims]);
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(shims, 'git'), slowGit(real));
    chmodSync(join(shims, 'git'), 0o755);
    env = { ...f.env, TMPDIR: tmp, PATH: `${shims}${delimiter}${f.env.PATH ?? process.env.PATH ?? ''}` };
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
    await until('the worktree add to start', () => existsSync(join(marks, 'in-filter')));
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
