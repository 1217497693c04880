import type { CliBundle } from './cli-bundle.js';
import { runCachedScript } from './cached-script.js';
import { Chunks } from './script-chunks.js';

/**
 * Runs the CLI's scripts (everything but the entry point) with V8's code cache.
 *
 * Node 20 has no code cache for ES modules: every `slipway check`, `promote` or agent-gate `hook`
 * compiled about 1.3 MB of bundled code again, in some twenty module files, which was a fifth to a
 * quarter of a short run's CPU (and of the test suite's, which starts the CLI thousands of times).
 * A script run through `vm.Script` takes the data V8 wrote at the end of an earlier run
 * (`cachedData`): the functions that run then are deserialised instead of parsed and compiled.
 * `vm.Script` and its cache are Node's public API; Node 22's `module.enableCompileCache` does the
 * same for ES modules, and bin.ts turns it on where it exists.
 *
 * Four scripts, each read whole and each with its own caches, so that a run reads and
 * deserialises only what it may run (scripts/build.mjs builds them):
 * - dist/slipway-cli.cjs, every command;
 * - dist/slipway-hook.cjs, the agent gate alone (`slipway hook`, run before every tool call of an
 *   agent), split where its modules load (scripts/build-cli.mjs): a few KB, and its chunks in
 *   dist/chunks/, each run when first required with a cache of its own (Chunks), so that a Write
 *   to docs reads and deserialises the path rules, not the migration and dependency readers;
 * - dist/slipway-metrics.cjs, the delivery figures alone (`slipway metrics`): a sixth;
 * - dist/slipway-sh.cjs, the shell parser (1.3 MB of GopherJS), which the first two load on a
 *   shell command only (loadShellParserScript).
 *
 * The caches are files in dist/.code-cache (beside the scripts, never in a repository: a code
 * cache is code, and the repositories Slipway reads are not trusted), one per command (and one for
 * the shell parser), named by a hash of the script the build computed, the script file's size and
 * time, the Node version and the architecture; V8 itself also refuses data from another V8 or other
 * flags. A run without a usable cache writes one at exit, atomically (what that run compiled), and
 * removes that name's caches of other builds; a folder that cannot be written only means every run
 * compiles, as without a cache. `SLIPWAY_TRACE_LOAD=1` says on stderr whether each cache was used,
 * absent or rejected, and when one is widened.
 *
 * A cache holds what the run that wrote it compiled. A command's runs differ in how far they go:
 * an agent's first call is often a read-only shell command, which the gate answers without the
 * engine, and a cache written then made every later judged write compile the engine again (a
 * tenth slower, for as long as that build is installed). So a run says how far it went (`reached`,
 * a few marks such as "judged"), the cache file keeps the marks of the runs that wrote it, and a
 * run that reached a mark its cache lacks writes a wider one at exit: every function the cache
 * gave it, and those it compiled. The marks are finite, so the rewrites stop.
 *
 * Under `--debug` Node's CommonJS loader reads each script first, which registers its source map,
 * so stack traces name the TypeScript sources (no code cache there: runScript).
 */
export function loadCliBundle(
  dist: string,
  file: string,
  command: string | undefined,
  bundleKey: string,
): { bundle: CliBundle; reached(mark: string): void } {
  const flag = command === undefined ? 'help' : FLAG_CACHES.get(command);
  const name = flag ?? (cacheable(command) ? command : undefined);
  const chunks = new Chunks(dist);
  const loaded = runCachedScript({ name: file, cacheName: name, key: bundleKey, traceLabel: '' }, chunks);
  const bundle = loaded.exports as CliBundle;
  // Only a command's own name (or one of the flags below) names a cache: `slipway chekc` writes none.
  if (flag !== undefined || (command !== undefined && bundle.isCommand(command))) {
    loaded.saveAtExit();
    chunks.saveAtExit();
  }
  return {
    bundle,
    reached(mark) {
      loaded.reached(mark);
      chunks.reached(mark);
    },
  };
}

/** mvdan-sh, from dist/slipway-sh.cjs beside the script that asks for it (`dir`). */
export function loadShellParserScript(dir: string, key: string): unknown {
  const loaded = runCachedScript(
    { name: 'slipway-sh.cjs', cacheName: 'shell-parser', key, traceLabel: ' (shell parser)' },
    new Chunks(dir),
  );
  loaded.saveAtExit();
  return loaded.exports;
}

/**
 * The runs that name no command but load the whole script all the same, each with a cache: the
 * version (what a bench takes for the cost of starting the CLI, and a script's first question
 * of an install), and the help. Without one, `slipway --version` compiled 2.8 MB each time (156
 * of its 227 ms), more than any cached command spends loading.
 */
const FLAG_CACHES = new Map([
  ['--version', 'version'],
  ['-V', 'version'],
  ['--help', 'help'],
  ['-h', 'help'],
]);

/** A name that could be a command's (the bundle says whether it is one before anything is written). */
function cacheable(command: string | undefined): command is string {
  return command !== undefined && /^[a-z]{1,20}(-[a-z]{1,20})?$/.test(command);
}
