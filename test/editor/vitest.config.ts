import { defineConfig } from 'vitest/config';

// The real-editor tests: slow (they start code-server and Chromium), so not in the default run.
// Run: pnpm --filter slipway test:editor   (or: npx vitest run --config test/editor/vitest.config.ts)
export default defineConfig({
  test: {
    include: ['test/editor/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // One editor at a time: two code-servers and two Chromiums on two cores starve each other.
    fileParallelism: false,
  },
});
