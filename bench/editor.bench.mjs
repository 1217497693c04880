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
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.SLIPWAY_EDITOR_BENCH_RUNS ?? 3);
const FIRST_TARGET_MS = 1_000;
const GUARD_TARGET_MS = 2_000;
const prefix = process.env.SLIPWAY_CODE_SERVER ?? join(homedir(), '.cache/code-server-4.100.3');

const missing = [
  [join(prefix, '.complete'), `code-server (${prefix})`],
  ['/usr/bin/chromium', 'Chromium (/usr/bin/chromium)'],
].filter(([path]) => !existsSync(path));
if (missing.length) {
  console.log(
    `SKIP: ${missing.map(([, what]) => what).join(' and ')} not installed; run test/editor/install-code-server.sh`,
  );
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-editor-bench-'));
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const file = join(dir, `timings-${i}.json`);
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'test/editor/vitest.config.ts',
      '--retry',
      '0',
      'test/editor/mocha-suite.test.ts',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      // `pnpm bench` has built already; the first run of a plain `node bench/…` builds.
      env: { ...process.env, SLIPWAY_SUITE_TIMINGS: file, ...(i > 0 ? { SLIPWAY_SKIP_BUILD: '1' } : {}) },
    },
  );
  if (r.status !== 0 || !existsSync(file)) {
    console.log(`the mocha suite failed in code-server (run ${i + 1}): FAIL\n${r.stdout}\n${r.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  runs.push(JSON.parse(readFileSync(file, 'utf8')));
}
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
