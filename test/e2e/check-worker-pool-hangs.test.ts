import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { cliWithHangingWorker } from './cli-with-hanging-worker.js';
import { generatedMigrations } from './worker-pool-corpus.js';

// `slipway check --jobs N` with a worker that never finishes one file (check-worker-pool.test.ts
// has the rest of the pool): that file alone is not read, said in one MIG030 or MIG130 error, and
// the run ends; Ctrl-C ends it at once. No real input is known to make a parser loop: the fault is
// the test's own worker (cli-with-hanging-worker.ts), never something a user could set.
const repos: TempRepo[] = [];
const clis: { dispose(): void }[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
  for (const c of clis) c.dispose();
});

function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  r.commit('init');
  repos.push(r);
  return r;
}

const checkArgs = (jobs: number) => [
  'check',
  '--tree',
  '--no-cache',
  '--debug',
  '--format',
  'json',
  '--jobs',
  String(jobs),
];

/** The CLI whose worker loops on the file named (cli-with-hanging-worker.ts). */
function hangingOn(path: string): string {
  const c = cliWithHangingWorker(path);
  clis.push(c);
  return c.cli;
}

/**
 * `check --tree` without the result cache on 2 threads, the pool started whatever the amount of
 * SQL, by the CLI whose worker loops on `hangsOn`, within a time bound of `seconds`;
 * not blocking this process (a run that waits for a timeout would hold the test worker's loop).
 */
function checkHanging(r: TempRepo, hangsOn: string, seconds: number) {
  return slipwayAsync(checkArgs(2), {
    cwd: r.dir,
    env: { SLIPWAY_WORKER_MIN_CHARS: '0', SLIPWAY_WORKER_TIMEOUT_MS: String(seconds * 1000) },
    cli: hangingOn(hangsOn),
  });
}

/**
 * The check on one thread, and a worker's time bound derived from it: twice the whole run,
 * rounded up to whole seconds (3 s at least). A batch of a worker is a share of the same work
 * (the parsers' start-up not counted: the pool's clock starts once the worker is ready), so on
 * this machine, however loaded, no batch that ends comes near it; only the file that loops does.
 * Without --debug (only its report is read): --debug loads the bundles with their source maps and
 * without the code cache, a second of CPU that also stretched the bound, which the looping worker
 * then spends spinning.
 */
async function aloneAndBound(
  r: TempRepo,
): Promise<{ alone: { file: string; rule: string }[]; seconds: number }> {
  const started = performance.now();
  const args = checkArgs(1).filter((a) => a !== '--debug');
  const alone = JSON.parse((await slipwayAsync(args, { cwd: r.dir })).stdout).findings;
  const seconds = Math.max(3, Math.ceil((2 * (performance.now() - started)) / 1000));
  return { alone, seconds };
}

describe('slipway check --jobs: a worker that never finishes', () => {
  it('a file whose worker never finishes costs that file alone, and the run ends', async () => {
    const r = repo(generatedMigrations(60, 0));
    const { alone, seconds } = await aloneAndBound(r);
    // No real input is known to make PostgreSQL's parser loop: the test's worker loops on this file.
    const run = await checkHanging(r, 'db/0017_m.sql', seconds);
    expect(run.stderr).toContain('worker pool: done, 1 of 60 files not read');
    const pooled = JSON.parse(run.stdout).findings;
    const about = (f: { file: string }) => f.file === 'db/0017_m.sql';
    expect(pooled.filter(about)).toEqual([
      expect.objectContaining({
        rule: 'MIG030',
        message: expect.stringContaining(
          `db/0017_m.sql was not checked: the worker thread reading it did not finish within ${seconds} s`,
        ),
      }),
    ]);
    expect(pooled.filter((f: { file: string }) => !about(f))).toEqual(
      alone.filter((f: { file: string }) => !about(f)),
    );
  });

  it('an Alembic file whose worker never finishes costs that file alone: one MIG130 error naming it', async () => {
    const r = repo(generatedMigrations(0, 40));
    const { alone, seconds } = await aloneAndBound(r);
    // Odd files go to the worker (the main thread reads every second one itself).
    const run = await checkHanging(r, 'alembic/versions/r0013.py', seconds);
    expect(run.stderr).toContain('worker pool: done, 1 of 40 files not read');
    const pooled = JSON.parse(run.stdout).findings;
    const about = (f: { file: string }) => f.file === 'alembic/versions/r0013.py';
    expect(pooled.filter(about)).toEqual([
      expect.objectContaining({
        rule: 'MIG130',
        message: expect.stringContaining(
          `alembic/versions/r0013.py was not checked: the worker thread reading it did not finish within ${seconds} s`,
        ),
      }),
    ]);
    // Unread, its revision is not in the graph: what the graph says of its neighbours may differ;
    // every other file's own findings are the main thread's.
    const own = (list: { file: string; rule: string }[]) =>
      list.filter((f) => !about(f) && !f.rule.startsWith('MIG1'));
    expect(own(pooled)).toEqual(own(alone));
  });

  it('Ctrl-C while a worker is busy ends the whole process', async () => {
    const r = repo(generatedMigrations(60, 0));
    const cli = hangingOn('db/0000_m.sql');
    const child = spawn(process.execPath, [cli, 'check', '--tree', '--no-cache', '--debug', '--jobs', '2'], {
      cwd: r.dir,
      env: {
        ...process.env,
        SLIPWAY_WORKER_MIN_CHARS: '0',
        SLIPWAY_WORKER_TIMEOUT_MS: '600000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    // Once the pool has started, one worker loops on its first file and would for ten minutes.
    await new Promise<void>((started) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('worker pool: 2 threads')) started();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
  });
});
