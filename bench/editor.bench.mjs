// The ship path in the real editor: the extension's mocha suite (packages/extension/test/suite)
// run in code-server's extension host by test/editor/mocha-suite.test.ts, on a copy of
// examples/mayassistant, taking its timestamps inside the extension host:
//   activation -> first diagnostics: from the extension host calling Slipway's activate() (VS
//     Code's own mark) to the first Slipway diagnostics event (target <= 1,000 ms). The probe
//     extension beside it (packages/extension/test/probe) sees that event; VS Code delivers such
//     events up to 50 ms late (it batches them).
//   Run Deploy Guard end to end: executeCommand to its summary message (target <= 2,000 ms).
// Median of RUNS editor starts (SLIPWAY_EDITOR_BENCH_RUNS, default 3), about 25 s each. Skips,
// saying why, where code-server or Chromium is not installed (test/editor/install-code-server.sh).
import { median } from './side-by-side.mjs';
import { editorRuns } from './editor-runs.mjs';

const FIRST_TARGET_MS = 1_000;
const GUARD_TARGET_MS = 2_000;
const { runs } = editorRuns('test/editor/mocha-suite.test.ts', 'SLIPWAY_SUITE_TIMINGS', 'the mocha suite');

const all = (key) => runs.map((r) => r[key]);
const line = (what, key, target) => {
  const m = median(all(key));
  const each = all(key).join(', ');
  const verdict = target === undefined ? '' : ` (target <= ${target} ms) ${m <= target ? 'PASS' : 'FAIL'}`;
  console.log(`${what}: median ${m} ms [${each}]${verdict}`);
};
line(
  `activation -> first Slipway diagnostics in code-server (mayassistant, from ${runs[0].activationMeasuredFrom})`,
  'activationToFirstDiagnosticsMs',
  FIRST_TARGET_MS,
);
line('  of which activate() called -> resolved (server spawned and initialized)', 'activateResolvedMs');
line('slipway.runDeployGuard end to end in code-server (mayassistant)', 'guardEndToEndMs', GUARD_TARGET_MS);
line(
  'for reference: the extension host activating its first extension -> first Slipway diagnostics',
  'editorStartToFirstDiagnosticsMs',
);
