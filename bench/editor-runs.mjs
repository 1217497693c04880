// The editor benches' common part: tests of test/editor (and the bench-only ones of bench/editor,
// bench/editor/vitest.config.ts) run RUNS times in code-server, each run
// writing its timings to the JSON file named by `timingsVar`, collected in order. Skips (skip.mjs)
// where code-server or Chromium is not installed (test/editor/install-code-server.sh), and exits
// 1 with the run's output when a run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skip } from './skip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RUNS = Number(process.env.SLIPWAY_EDITOR_BENCH_RUNS ?? 3);
const prefix = process.env.SLIPWAY_CODE_SERVER ?? join(homedir(), '.cache/code-server-4.100.3');

/** Each run's timings (parsed JSON) and the load average after it. `testFiles`: one or several. */
export function editorRuns(testFiles, timingsVar, what) {
  const missing = [
    [join(prefix, '.complete'), `code-server (${prefix})`],
    ['/usr/bin/chromium', 'Chromium (/usr/bin/chromium)'],
  ].filter(([path]) => !existsSync(path));
  if (missing.length)
    skip(`${missing.map(([, w]) => w).join(' and ')} not installed; run test/editor/install-code-server.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-editor-bench-'));
  const runs = [];
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const file = join(dir, `timings-${i}.json`);
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'bench/editor/vitest.config.ts',
        '--retry',
        '0',
        ...[testFiles].flat(),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        // `pnpm bench` has built already; the first run of a plain `node bench/…` builds.
        env: { ...process.env, [timingsVar]: file, ...(i > 0 ? { SLIPWAY_SKIP_BUILD: '1' } : {}) },
      },
    );
    if (r.status !== 0 || !existsSync(file)) {
      console.log(`${what} failed in code-server (run ${i + 1}): FAIL\n${r.stdout}\n${r.stderr}`);
      rmSync(dir, { recursive: true, force: true });
      process.exit(1);
    }
    runs.push(JSON.parse(readFileSync(file, 'utf8')));
    loads.push(loadavg()[0].toFixed(1));
  }
  rmSync(dir, { recursive: true, force: true });
  return { runs, loads };
}
