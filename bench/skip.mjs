// A bench that cannot run here says so and why, and exits SKIP_EXIT: bench/run.mjs counts it a
// SKIP with its reason, never a PASS (exit 0 would read as one). 77: the skip code of automake's
// test harness, which no failing bench exits with by accident.
export const SKIP_EXIT = 77;

/** Prints `SKIP: <reason>` and ends the bench as skipped. */
export function skip(reason) {
  console.log(`SKIP: ${reason}`);
  process.exit(SKIP_EXIT);
}
