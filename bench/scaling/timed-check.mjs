// One `slipway check` as a whole process, timed: wall time as a user waits, and the process's own
// CPU time (user + system) beside it, which another engineer's job on the same cores does not
// stretch. A run past the time limit is stopped: quadratic code at 4n can take minutes, and the
// bench must end in a few; the figure then says "more than" the limit.
import { spawnSync } from 'node:child_process';
import { CPU_WRAPPER, cpuMsOf } from '../cpu-wrapper.mjs';

// A CI runner's variables would make the check read a pull request's event instead of git.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));

/** `slipway <args>` in `dir`, once; killed past `limitMs` (`timedOut`, its time then the limit). */
export function runOnce(dir, args, limitMs = 20_000) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CPU_WRAPPER, ...args, '--no-cache'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: limitMs,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - t;
  const timedOut = r.signal === 'SIGKILL';
  const cpu = cpuMsOf(r.stderr);
  return { ms: timedOut ? limitMs : ms, cpu, status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut };
}

/**
 * Each job (`{ dir, args, limitMs }`) run in rounds, one run of each job a round, and the run of
 * least wall time of each (the one noise slowed least; its CPU time and output come with it).
 * Rounds, not all runs of one job then the next: on a shared machine the speed drifts over tens
 * of seconds, and a ratio of two sizes measured minutes apart would measure the drift. At least
 * `minRounds`, then more while the rounds took under `budgetMs`, up to `maxRounds`. A job whose run
 * took `enoughMs` or more (or was killed) is not run again: at that length one run is within a
 * few percent of the least, and quadratic code at 4n would cost minutes. Each run comes with its
 * job's `spread` (slowest less least).
 */
export function leastInRounds(
  jobs,
  { minRounds = 3, maxRounds = 5, budgetMs = 12_000, enoughMs = 4000 } = {},
) {
  const best = jobs.map(() => undefined);
  const worst = jobs.map(() => 0);
  const done = jobs.map(() => false);
  const start = performance.now();
  for (let round = 0; round < maxRounds; round++) {
    if (round >= minRounds && performance.now() - start >= budgetMs) break;
    for (const [i, job] of jobs.entries()) {
      if (done[i]) continue;
      const run = runOnce(job.dir, job.args, job.limitMs);
      if (!best[i] || run.ms < best[i].ms) best[i] = run;
      worst[i] = Math.max(worst[i], run.ms);
      if (run.timedOut || run.ms >= enoughMs || !answered(run)) done[i] = true;
    }
  }
  // `spread`: the slowest run less the least, the noise of that job's figure (0 after one run).
  return best.map((run, i) => ({ ...run, spread: worst[i] - run.ms }));
}

/** Exit 0 (clean) or 1 (findings) is an answer; 2 is a family that threw, or the CLI refused. */
export const answered = (run) => run.timedOut || run.status === 0 || run.status === 1;
