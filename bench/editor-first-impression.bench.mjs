// The editor's first impression, as a person sees it: code-server (a real VS Code 1.100) in
// Chromium, the built .vsix installed, a clone of examples/mayassistant opened, timed from the
// page's navigation start to the first problem counted in the status bar. Each run is
// test/editor/first-impression.test.ts and the floor's bench/editor/first-impression-floor.test.ts
// (test/editor/first-impression.ts: the launch helpers of test/editor), which take the
// page's moments from the DOM and the rest from SLIPWAY_STARTUP_TRACE (VS Code's extension host
// marks, the extension's and the language server's own steps), all on one clock (Date.now()).
//
// The steps, in order, and whose they are:
//   workbench on the page         code-server: the page loads the 10 MB workbench, then builds it
//   extension host process        code-server starts it only once the page's workbench asks
//   extension host ready          VS Code: the host loads, connects, waits for its init data
//   Slipway activate() called     VS Code: "*" extensions (git, github, emmet) load first, then
//                                 workspaceContains:slipway.yaml activates Slipway
//   server process started        ours: activate() spawns the bundled server at once
//   server bundle loaded          ours: node starts and evaluates server.mjs (1.4 MB)
//   server initialized            ours: the initialize round trip; the folder's git reads start
//   first workspace check done    ours: the file list, the change, the parsers, then the check
//   first Problems count          VS Code: the pull's answer reaches the page
// The floor is the same start with only the probe extension (packages/extension/test/probe),
// activated on "*" and setting one problem at once: what no extension can beat. What the
// project can change is Slipway's part above it.
//
// Measured 2026-11-25 on this machine (2 cores, shared: 1-min load average 7-13 during the
// runs), medians of 3, ms after navigation start (two benches, 6 starts in all):
//   workbench on the page          2,100-4,100  code-server's page loads and builds the workbench
//   extension host started         4,000-6,700  code-server spawns it once the page connects
//   extension host ready           5,700-10,200 its own start-up, about 2.3 s
//   Slipway activate()             +370-660 ms  VS Code loads the "*" extensions first (emmet,
//                                               git-base, git, github), then workspaceContains
//   server process started         +30-130 ms   activate() starts the client at once
//   server bundle loaded           +0.5-1.2 s   wall, for about 150 ms of CPU: node's own boot
//                                               (~40 ms) and V8 parsing the 1.4 MB bundle; the
//                                               module bodies cost under 3 ms, and leaving the
//                                               deploy commands and pg out of the start (16% of
//                                               the bytes) measured 4 ms of CPU: not worth a split
//   client running                 +0.1-0.7 s   the initialize round trip; the folder's git reads
//                                               and the parsers (WASM) start meanwhile
//   first workspace check done     +0.2-0.5 s   file list, change, parsers, then the check (~90 ms
//                                               of CPU, three of its git reads synchronous)
//   first Problems count           +30-520 ms   the pull's answer reaches the page
// Window load -> first Problems count: 7.7-13.3 s (medians 9.3 and 9.5 s). The floor: 6.2-8.1 s
// (medians 7.1 and 7.3 s): a 3 s target from window load is out of reach in code-server here for
// reasons outside the project (the page, its workbench and the extension host are code-server's),
// and a target every run fails says nothing. So the target is on Slipway's part: from the moment
// an extension can run at all (extension host ready) to the first Problems count, <= 3 s; the
// window-load figure and the floor are printed beside it for information. Slipway's part (extension host ready -> first Problems count) is 1.7-3.1 s
// (medians 2.0 and 2.6 s) against the floor's 0.2-0.6 s; the server spends about 330 ms of CPU
// from its start to its first answer, over 1.4-2.3 s of wall time: most of that part is waiting
// for one of two cores that code-server, Chromium, the extension host and VS Code's own
// extensions share at that moment.
//
// Median of RUNS editor starts (SLIPWAY_EDITOR_BENCH_RUNS, default 3), about 40 s each. Skips,
// saying why, where code-server or Chromium is not installed (test/editor/install-code-server.sh).
import { availableParallelism } from 'node:os';
import { median } from './side-by-side.mjs';
import { editorRuns, RUNS } from './editor-runs.mjs';

const TARGET_MS = 3_000;
const { runs, loads } = editorRuns(
  ['test/editor/first-impression.test.ts', 'bench/editor/first-impression-floor.test.ts'],
  'SLIPWAY_FIRST_IMPRESSION_TIMINGS',
  'the first-impression run',
);

/** The median of one mark over the runs (ms after navigation start), and every run's value. */
const figure = (which, mark) => {
  const all = runs.map((r) => r[which]?.[mark]).filter((t) => t !== undefined);
  return { m: all.length ? median(all) : undefined, each: all.join(', ') };
};
const ms = (t) => (t === undefined ? 'missing' : `${t} ms`);
const row = (what, which, mark) => {
  const { m, each } = figure(which, mark);
  console.log(`  ${what.padEnd(44)} ${ms(m).padStart(9)}  [${each}]`);
  return m;
};

console.log(
  `code-server 4.100.3 in Chromium, examples/mayassistant, ${availableParallelism()} cores, median of ${RUNS} (1-min load average after each run: ${loads.join(', ')})`,
);
console.log('Slipway (built .vsix), ms after the page started navigating:');
row('workbench on the page', 'slipway', 'page: workbench on the page');
row('extension host process started', 'slipway', 'vscode code/timeOrigin');
row('extension host ready', 'slipway', 'vscode code/extHost/ready');
row('Slipway activate() called', 'slipway', 'extension activate() called');
row('Slipway status item visible', 'slipway', 'page: Slipway status item visible');
row('server process started', 'slipway', 'server process started');
row('server bundle loaded', 'slipway', 'server bundle loaded');
row('server initialize received', 'slipway', 'server initialize received');
row('client running (server initialized)', 'slipway', 'extension client running (server initialized)');
row('first workspace pull received', 'slipway', 'server first workspace pull received');
row('first workspace check done', 'slipway', 'server first workspace check done');
row('first workspace pull answered', 'slipway', 'server first workspace pull answered');
const problems = row('first Problems count', 'slipway', 'page: Problems count above 0');
const cpuRow = (what, mark) => {
  const all = runs.map((r) => r.slipwayCpu?.[mark]).filter((t) => t !== undefined);
  const wall = runs.map((r) => r.slipway?.[mark] - r.slipway?.['server process started']);
  console.log(
    `  server CPU at ${what}`.padEnd(47) +
      `${ms(all.length ? median(all) : undefined).padStart(9)}  [${all.join(', ')}]  (wall since its start: ${wall.join(', ')})`,
  );
};
cpuRow('bundle loaded', 'server bundle loaded');
cpuRow('first workspace pull answered', 'server first workspace pull answered');
console.log('Floor (the probe extension alone, activated on "*", one problem set at once):');
row('extension host ready', 'floor', 'vscode code/extHost/ready');
row('probe activate() called', 'floor', 'probe activate() called');
const floor = row('first Problems count', 'floor', 'page: Problems count above 0');

const each = (key, from, to) =>
  runs.map((r) => r[key]?.[to] - r[key]?.[from]).filter((t) => !Number.isNaN(t));
const span = (what, key, from, to) => {
  const all = each(key, from, to);
  console.log(`${what}: median ${median(all)} ms [${all.join(', ')}]`);
};
span(
  "Slipway's part: extension host ready -> first Problems count",
  'slipway',
  'vscode code/extHost/ready',
  'page: Problems count above 0',
);
span(
  '  of which activate() -> first Problems count',
  'slipway',
  'extension activate() called',
  'page: Problems count above 0',
);
span(
  "the floor's part: extension host ready -> its Problems count",
  'floor',
  'vscode code/extHost/ready',
  'page: Problems count above 0',
);
const part = each('slipway', 'vscode code/extHost/ready', 'page: Problems count above 0');
if (part.length === 0) {
  console.log("Slipway's part: no run reached a Problems count  FAIL");
} else {
  const m = median(part);
  const verdict = m <= TARGET_MS ? 'PASS' : 'FAIL';
  console.log(
    `Slipway's part (extension host ready -> first Problems count): median ${m} ms, target <= ${TARGET_MS} ms on ${availableParallelism()} cores  ${verdict}`,
  );
}
if (problems !== undefined && floor !== undefined)
  console.log(
    `for information: window load -> first Problems count ${problems} ms; the floor alone (no extension can show a problem sooner) ${floor} ms`,
  );
