/**
 * How the cost of a piece of work grows when its input grows eightfold, in CPU time.
 *
 * CPU time (`process.cpuUsage()`), not wall time: on a shared machine another process can take
 * the cores for seconds, which stretches wall time but not the CPU time this process spends. The
 * minimum over several tries drops what noise is left (a collection that happened to land in one
 * try, a cold cache). Linear work costs about 8× at 8n, quadratic work 64×: a bound in between
 * tells them apart without any absolute time, so a slow machine cannot fail the test.
 */

/** Below this the cost is linear or close (n log n is ~9×); above it a loop has gone quadratic. */
export const RATIO_BOUND = 24;

/** CPU microseconds (user + system) one call of `work` takes. */
function cpuOf(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

export interface Growth {
  /** Least CPU time (ms) of `small` and of `large` over the tries. */
  smallMs: number;
  largeMs: number;
  ratio: number;
  tries: number;
}

/**
 * The ratio of the least CPU time of `large` to that of `small`. `small` runs first, all its tries
 * (after one unmeasured run, so that the JIT has compiled the hot paths `large` runs too), then
 * `large`: the other way round, the garbage of a large run (gigabytes, for a loop that copies a
 * list per item) would be collected during the next small one, and a small run that pays for a
 * large one makes a quadratic ratio look linear. `large` stops as soon as the verdict is clear: a
 * ratio under `bound` at any try (more tries only lower the least time, so they could not undo a
 * pass), or, after at least `minTries` tries, half as far again above it, which noise does not
 * make of linear work. Only a ratio near the bound is tried up to `maxTries`.
 */
export async function growth(
  small: () => unknown,
  large: () => unknown,
  { minTries = 3, maxTries = 6, bound = RATIO_BOUND } = {},
): Promise<Growth> {
  small();
  let smallUs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < maxTries; i++) smallUs = Math.min(smallUs, cpuOf(small));
  let largeUs = Number.POSITIVE_INFINITY;
  let tries = 0;
  while (tries < maxTries) {
    tries++;
    // Back to the event loop between runs: the test runner's worker answers its RPC there, and
    // times out after a minute of quadratic work without it.
    await new Promise(setImmediate);
    largeUs = Math.min(largeUs, cpuOf(large));
    const ratio = largeUs / smallUs;
    if (ratio < bound || (tries >= minTries && ratio > 1.5 * bound)) break;
  }
  return { smallMs: smallUs / 1000, largeMs: largeUs / 1000, ratio: largeUs / smallUs, tries };
}
