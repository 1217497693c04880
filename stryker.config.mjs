// Mutation testing (`pnpm mutate [folder]`, scripts/mutate.mjs): which code is mutated comes from
// the command line; everything else is here.
import { createRequire } from 'node:module';

// pnpm does not hoist the plugins where Stryker's core would find them by name: name their files.
const resolve = createRequire(import.meta.url).resolve;
// Where this run's reports go: scripts/mutate.mjs names one set per folder.
const reports = `reports/mutation/${process.env.SLIPWAY_MUTATE_SLUG ?? 'mutation'}`;

export default {
  plugins: [resolve('@stryker-mutator/vitest-runner'), resolve('@stryker-mutator/typescript-checker')],
  packageManager: 'pnpm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${reports}.json` },
  htmlReporter: { fileName: `${reports}.html` },
  concurrency: 2,
  // A mutant's run may take 1.5x the tests' own time plus this before it counts as a timeout (an
  // endless loop: detected). 20 s cost 30 timeouts 10 minutes on a run of 654 mutants; the tests a
  // mutant runs are bounded by vitest's own limits anyway.
  timeoutMS: 5000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    '**/dist/**',
    '**/dist-hosts/**',
    '.bench-cache',
    'reports',
    '.vscode-test',
    'test/editor',
  ],
  cleanTempDir: 'always',
  // Stryker would prepend `// @ts-nocheck` to every .js/.ts under a test folder, the rule fixtures'
  // migrations too (their snapshots then differ); vitest does not type-check, so nothing needs it.
  disableTypeChecks: false,
};
