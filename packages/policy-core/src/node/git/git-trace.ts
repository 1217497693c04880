// `SLIPWAY_TRACE_GIT=1` prints each git call and its wall time to stderr: where a slow
// `slipway check` spends its time, without a profiler.
export const traceGit = process.env.SLIPWAY_TRACE_GIT
  ? (args: readonly string[], t0: number): void => {
      process.stderr.write(
        `git ${args.join(' ')}  started at ${t0.toFixed(0)} ms, took ${(performance.now() - t0).toFixed(1)} ms\n`,
      );
    }
  : undefined;

// Read only when tracing: the first use of `performance` loads perf_hooks, most of a millisecond
// of every run's start-up.
export const gitStartTime = (): number => (traceGit ? performance.now() : 0);
