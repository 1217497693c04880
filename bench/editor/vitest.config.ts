import { defineConfig, mergeConfig } from 'vitest/config';
import editor from '../../test/editor/vitest.config.js';

// The editor benches' runs (bench/editor-runs.mjs): the editor step's configuration, with the
// bench-only editor starts of this folder besides the suite's own (test/editor).
export default mergeConfig(
  editor,
  defineConfig({ test: { include: ['test/editor/**/*.test.ts', 'bench/editor/**/*.test.ts'] } }),
);
