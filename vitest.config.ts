import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/policy-core/src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@slipway\/policy-core\/node$/, replacement: src('node/index.ts') },
      { find: /^@slipway\/policy-core$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // test/editor: its own step (test/editor/vitest.config.ts). The extension's mocha suite runs in
    // an editor's extension host (packages/extension/.vscode-test.mjs), never in vitest.
    exclude: ['**/node_modules/**', '**/dist/**', 'test/editor/**', 'packages/extension/test/suite/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/load-parsers.ts'],
  },
});
