// The mocha suite in @vscode/test-cli form: `pnpm test:desktop` (`vscode-test`) runs
// test/suite/*.test.ts, bundled to dist/test/suite by scripts/build.mjs, in a desktop VS Code's
// extension host with this folder as the extension under development. test/editor/mocha-suite.test.ts
// runs the same configuration (`vscode-test --list-configuration`) in code-server's extension host.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@vscode/test-cli';
import { prepareWorkspace } from './test/suite/workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// A fresh copy of examples/mayassistant each run (SLIPWAY_SUITE_WORKSPACE: somewhere else).
const workspace = prepareWorkspace(
  process.env.SLIPWAY_SUITE_WORKSPACE ?? join(here, '.vscode-test/workspace-mayassistant'),
);

export default defineConfig({
  label: 'slipway',
  files: 'dist/test/suite/**/*.test.js',
  // Slipway, and beside it the probe that notes when its first findings arrive (test/probe).
  extensionDevelopmentPath: [here, join(here, 'test/probe')],
  workspaceFolder: workspace,
  // No other extension: what the suite sees is Slipway's.
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'tdd', timeout: 60_000, slow: 2_000 },
});
