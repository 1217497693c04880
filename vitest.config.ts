import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { POLICY_CORE_DIR, usesPolicyCoreSources } from './test/helpers/policy-core-sources.js';
const ENTRIES: Record<string, [source: string, bundle: string]> = {
  '@slipway/policy-core': ['src/index.ts', 'dist-hosts/index.mjs'],
  '@slipway/policy-core/node': ['src/node/index.ts', 'dist-hosts/node.mjs'],
};

/**
 * Where `@slipway/policy-core` resolves. policy-core's own tests read its sources (by name and by
 * relative path alike: one copy of each module). Every other test (the CLI's, the language
 * server's in-process ones, the end-to-end helpers) gets the bundle scripts/build.mjs writes
 * (global-setup.ts builds it first), loaded as Node loads it: one file instead of ~560 source
 * modules, which cost each test worker about 2.5 s to load one by one, and the form the CLI and
 * the server ship policy-core in (bundled).
 */
const policyCoreEntry = {
  name: 'slipway-policy-core-entry',
  enforce: 'pre' as const,
  resolveId(id: string, importer: string | undefined) {
    const entry = ENTRIES[id];
    if (!entry) return null;
    return `${POLICY_CORE_DIR}${usesPolicyCoreSources(importer) ? entry[0] : entry[1]}`;
  },
};

const EXCLUDE = ['**/node_modules/**', '**/dist/**', 'test/editor/**', 'packages/extension/test/suite/**'];

/** One part of the suite (a vitest project): the root's settings (its excludes added to these), its own files. */
function part(name: string, include: string[], exclude: string[] = []) {
  return { extends: true as const, test: { name, include, exclude } };
}

export default defineConfig({
  plugins: [policyCoreEntry],
  test: {
    server: { deps: { external: [/\/packages\/policy-core\/dist-hosts\//] } },
    // Which files: the parts' (projects, below), all under packages/*/test and test/.
    // test/editor: its own step (test/editor/vitest.config.ts). The extension's mocha suite runs in
    // an editor's extension host (packages/extension/.vscode-test.mjs), never in vitest.
    exclude: EXCLUDE,
    // The suite in four parts, each run by new test workers (vitest recycles the forks between
    // projects when files share them: isolate false). A worker only grows: the modules it loaded
    // (policy-core's ~560 sources are 200-300 MB of it) and what each file left behind. And on
    // Linux Node starts every child process by fork(), which copies the parent's page tables: a
    // spawn from a worker of 1 GB cost 49 ms against 21 ms at 180 MB, and test/deploy's files took
    // 13% longer in all (366 s against 323 s, 14% more CPU). Most tests spawn git or the CLI, so
    // no worker is let grow through the whole suite, and the tests that spawn the most never share
    // one with policy-core's sources.
    projects: [
      part('policy-core', ['packages/policy-core/test/**/*.test.ts']),
      part('packages', ['packages/*/test/**/*.test.ts'], ['packages/policy-core/**']),
      part('deploy', ['test/{deploy,corpus,cli}/**/*.test.ts']),
      part('end-to-end', ['test/**/*.test.ts'], ['test/{deploy,corpus,cli}/**']),
    ],
    // Bounds for a hung test, not speed targets (no verdict depends on one): generous enough for
    // a 2-core machine shared with other work.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    // Test files share their fork's module cache: the parsers (libpg-query's WASM, @lezer/python)
    // and policy-core load once per fork, not once per file. Isolated, that start-up was 86 s of
    // policy-core's 97 s test run on two cores (41 s shared). The tests use no mocks and no
    // module-level state a file could leave behind; a helper module that made some (a temp dir
    // removed by the first file's afterAll) makes it again per file instead.
    isolate: false,
    // At least two test files at a time. Vitest's default, cores - 1, is one fork on two cores,
    // where each file waits for its fork's start and the parsers' load with no test running (726 s
    // of a 1,830 s loaded run); a second fork runs a file meanwhile. A worker that blocks its event loop for 60 s
    // fails the run with `Timeout calling "onTaskUpdate"` (the worker's RPC timeout, fixed in
    // vitest 3.2, not an option): no test may hold a worker that long, however many forks.
    poolOptions: { forks: { minForks: 1, maxForks: Math.max(2, availableParallelism() - 1) } },
    globalSetup: ['test/global-setup.ts'],
    setupFiles: [
      'test/helpers/load-parsers.ts',
      'test/helpers/yield-between-tests.ts',
      'test/helpers/every-test-asserts.ts',
    ],
  },
});
