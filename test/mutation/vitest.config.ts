import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The tests a mutation run (`pnpm mutate`) judges mutants by: policy-core's own. They load
 * policy-core from its sources, where Stryker's mutants are; every other test loads the bundle
 * scripts/build.mjs wrote before the run, which no mutant reaches, so running it would only cost
 * time and could never kill anything.
 */
export default defineConfig({
  ...base,
  // Replaced, not merged: vitest's mergeConfig would append to the base's include list.
  test: {
    ...base.test,
    // One set of files, policy-core's: none of the suite's parts (vitest.config.ts).
    projects: undefined,
    // scripts/mutate.mjs names a folder's own judges (mutation-scores.mjs JUDGES) when it has them.
    include: process.env.SLIPWAY_MUTATE_TESTS
      ? JSON.parse(process.env.SLIPWAY_MUTATE_TESTS)
      : ['packages/policy-core/test/**/*.test.ts'],
    // Stryker runs the tests in a worker thread (its runner forces vitest's `threads` pool), whose
    // 4 MB stack takes a spread call of 130,000 arguments: the big-input tests' premise ("past what
    // a spread call takes", true on the main thread) does not hold there, and they test capacity,
    // not a decision a mutant could flip. The linear-cost test (17 s, a sixth of the whole run, which
    // every module-level mutant repeats) holds CPU growth under a bound: a mutant's instrumentation
    // changes that cost, not a decision. Both run in every ordinary run.
    exclude: [
      ...(base.test?.exclude ?? []),
      'packages/policy-core/test/engine/finding-cap.test.ts',
      'packages/policy-core/test/scaling/linear-cost.test.ts',
    ],
  },
});
