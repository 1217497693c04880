import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import type { CliBundle } from './cli-bundle.js';

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
 *   agent): a third of the size;
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
  const loaded = runCachedScript(dist, file, name, bundleKey, '');
  const bundle = loaded.exports as CliBundle;
  // Only a command's own name (or one of the flags below) names a cache: `slipway chekc` writes none.
  if (flag !== undefined || (command !== undefined && bundle.isCommand(command))) loaded.saveAtExit();
  return { bundle, reached: loaded.reached };
}

/** mvdan-sh, from dist/slipway-sh.cjs beside the script that asks for it (`dir`). */
export function loadShellParserScript(dir: string, key: string): unknown {
  const loaded = runCachedScript(dir, 'slipway-sh.cjs', 'shell-parser', key, ' (shell parser)');
  loaded.saveAtExit();
  return loaded.exports;
}

function runCachedScript(
  dist: string,
  name: string,
  cacheName: string | undefined,
  key: string,
  traceLabel: string,
): { exports: unknown; saveAtExit(): void; reached(mark: string): void } {
  const file = join(dist, name);
  // The build writes plain ASCII (esbuild's default charset): read as Latin-1, the text is V8's
  // one-byte string as it is, without a UTF-8 decode of megabytes. The file is already the
  // function CommonJS would wrap it in (scripts/build-cli.mjs writes `(function (exports, require,
  // module, __filename, __dirname) {` … `})`): compiled as read, with no copy of megabytes that a
  // wrapper added here would cost (V8 flattens the joined string; a tenth of an agent-gate call).
  const source = readFileSync(file, 'latin1');
  if (process.sourceMapsEnabled)
    return {
      exports: runScript(new vm.Script(source, { filename: file }), file, dist, true),
      saveAtExit() {},
      reached() {},
    };
  const cacheDir = join(dist, '.code-cache');
  // V8 checks a cache against the script's length, not its text: the build's hash names the
  // script, and its size and time the file read, so that an entry of one build beside the script
  // of the next (a build between the two renames, a copy) never takes the other's cache.
  const st = statSync(file);
  const cacheFile =
    cacheName === undefined
      ? undefined
      : join(
          cacheDir,
          `${cacheName}.${key}-${st.size}-${Math.trunc(st.mtimeMs)}-${process.version}-${process.arch}.bin`,
        );
  const cached = cacheFile === undefined ? undefined : readCacheFile(cacheFile);
  const script = new vm.Script(source, {
    filename: file,
    ...(cached?.data ? { cachedData: cached.data } : {}),
  });
  const state =
    cached === undefined ? 'absent' : cached.data && !script.cachedDataRejected ? 'used' : 'rejected';
  const trace = process.env.SLIPWAY_TRACE_LOAD
    ? (what: string) => process.stderr.write(`slipway: code cache${traceLabel} ${what}\n`)
    : () => {};
  trace(state);
  const exports = runScript(script, file, dist, false);
  const marks = new Set(state === 'used' ? cached?.marks : []);
  let widened = false;
  return {
    exports,
    saveAtExit() {
      if (cacheFile === undefined || cacheName === undefined) return;
      process.once('exit', () => {
        if (state === 'used' && !widened) return;
        if (state === 'used') trace('widened');
        writeCache(script, [...marks], cacheDir, cacheFile, cacheName);
      });
    },
    reached(mark) {
      if (marks.has(mark)) return;
      marks.add(mark);
      widened = true;
    },
  };
}

/**
 * Runs a script the build wrapped, as CommonJS would run it, and gives its exports. Under
 * `--debug` Node's CommonJS loader reads the file first: that evaluates a bare function expression
 * (nothing runs) and registers the file's source map, by which Node then maps the frames of this
 * script, which carries the same file name and text, to the TypeScript sources.
 */
function runScript(script: vm.Script, file: string, dist: string, debug: boolean): unknown {
  const require = createRequire(file);
  if (debug) require(file);
  const wrapped: unknown = script.runInThisContext();
  if (typeof wrapped !== 'function')
    throw new Error(`${file} is not a script this build wrote; build Slipway again (node scripts/build.mjs)`);
  const module = { exports: {} };
  wrapped(module.exports, require, module, file, dist);
  return module.exports;
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

/**
 * A cache file: a line naming the marks of the runs that wrote it (`slipway-code-cache judged`),
 * then V8's data. Undefined when there is no file; no data when it is not one of these.
 */
function readCacheFile(file: string): { data?: Buffer; marks: string[] } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // no cache yet: compiled from source, and written at exit
  }
  const end = bytes.indexOf(0x0a, 0);
  const head = end > 0 && end <= MAX_HEADER_BYTES ? bytes.toString('latin1', 0, end).split(' ') : [];
  if (head[0] !== CACHE_MAGIC) return { marks: [] };
  return { data: bytes.subarray(end + 1), marks: head.slice(1) };
}

const CACHE_MAGIC = 'slipway-code-cache';
const MAX_HEADER_BYTES = 1024;

function writeCache(script: vm.Script, marks: string[], dir: string, file: string, name: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const head = Buffer.from(`${[CACHE_MAGIC, ...marks.sort()].join(' ')}\n`, 'latin1');
    writeFileSync(tmp, Buffer.concat([head, script.createCachedData()]));
    renameSync(tmp, file);
    // This name's caches of other builds or other Node versions can never match again.
    for (const entry of readdirSync(dir))
      if (entry.startsWith(`${name}.`) && join(dir, entry) !== file && !entry.endsWith('.tmp'))
        rmSync(join(dir, entry), { force: true });
  } catch {
    // A read-only installation: every run compiles from source, as without a cache.
  }
}
