import { defineConfig } from 'vitest/config';

// The real-editor tests: slow (they start code-server and Chromium), so they are a step of their
// own in `pnpm test` (scripts/test.mjs), after the main suite, one editor at a time.
// Alone: pnpm --filter slipway test:editor   (or: npx vitest run --config test/editor/vitest.config.ts)
export default defineConfig({
  test: {
    include: ['test/editor/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/editor/package-once.ts'],
    setupFiles: ['test/helpers/every-test-asserts.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // One editor at a time: two code-servers and two Chromiums on two cores starve each other.
    fileParallelism: false,
    // No retries: a retry hides a flake. Each step waits for what it needs to see (a selector, a
    // notification, a file on disk), never for a fixed time.
  },
});
