import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI } from '../helpers/cli.js';

/**
 * The bundled CLI with a worker thread that never finishes one file: no real input is known to
 * make PostgreSQL's or Python's parser loop, so the fault is injected here, from the test, and
 * not through anything a user could set. The CLI runs the worker it finds beside its own file
 * (bin.ts); this copy of dist/slipway.mjs (its script linked) finds a stand-in there, which wraps
 * the real dist/slipway-worker.mjs and, given a batch holding a file whose path ends in
 * `hangsOn`, loops for ever. Returns the copy's path (for `slipway(..., { cli })`) and a disposer.
 */
export function cliWithHangingWorker(hangsOn: string): { cli: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-hanging-worker-'));
  const dist = dirname(CLI);
  copyFileSync(CLI, join(dir, 'slipway.mjs'));
  // The scripts the entry runs, and the packages they require, as they resolve from dist/.
  for (const script of ['slipway-cli.cjs', 'slipway-hook.cjs', 'slipway-metrics.cjs', 'slipway-sh.cjs'])
    symlinkSync(join(dist, script), join(dir, script));
  symlinkSync(join(dist, '..', 'node_modules'), join(dir, 'node_modules'));
  const realWorker = pathToFileURL(join(dist, 'slipway-worker.mjs')).href;
  writeFileSync(
    join(dir, 'slipway-worker.mjs'),
    `import { parentPort } from 'node:worker_threads';
const hangsOn = ${JSON.stringify(hangsOn)};
// The real worker answers on parentPort's 'message' event: its listener is wrapped before it loads.
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, event !== 'message' ? listener : (message) => {
    if (message.tasks?.some((task) => task.path.endsWith(hangsOn))) for (;;);
    return listener(message);
  });
await import(${JSON.stringify(realWorker)});
`,
  );
  return { cli: join(dir, 'slipway.mjs'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
