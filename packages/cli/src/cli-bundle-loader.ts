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
 * Three scripts, each read whole and each with its own caches, so that a run reads and
 * deserialises only what it may run (scripts/build.mjs builds them):
 * - dist/slipway-cli.cjs, every command;
 * - dist/slipway-hook.cjs, the agent gate alone (`slipway hook`, run before every tool call of an
 *   agent): a third of the size;
 * - dist/slipway-sh.cjs, the shell parser (1.3 MB of GopherJS), which both load on a shell
 *   command only (loadShellParserScript).
 *
 * The caches are files in dist/.code-cache (beside the scripts, never in a repository: a code
 * cache is code, and the repositories Slipway reads are not trusted), one per command (and one for
 * the shell parser), named by a hash of the script the build computed, the script file's size and
 * time, the Node version and the architecture; V8 itself also refuses data from another V8 or other
 * flags. A run without a usable cache writes one at exit, atomically (what that run compiled), and
 * removes that name's caches of other builds; a folder that cannot be written only means every run
 * compiles, as without a cache. `SLIPWAY_TRACE_LOAD=1` says on stderr whether each cache was used,
 * absent or rejected.
 *
 * Under `--debug` the scripts load through Node's CommonJS loader instead, which reads their
 * source maps, so stack traces name the TypeScript sources (no code cache there).
 */
export function loadCliBundle(
  dist: string,
  file: string,
  command: string | undefined,
  bundleKey: string,
): CliBundle {
  const loaded = runCachedScript(dist, file, cacheable(command) ? command : undefined, bundleKey, '');
  const bundle = loaded.exports as CliBundle;
  // Only a command's own name names a cache: `slipway chekc` writes none.
  if (command !== undefined && bundle.isCommand(command)) loaded.saveAtExit();
  return bundle;
}

/** mvdan-sh, from dist/slipway-sh.cjs beside the script that asks for it (`dir`). */
export function loadShellParserScript(dir: string, key: string): unknown {
  const loaded = runCachedScript(dir, 'slipway-sh.cjs', 'shell-parser', key, ' (shell parser)');
  loaded.saveAtExit();
  return loaded.exports;
}

const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

function runCachedScript(
  dist: string,
  name: string,
  cacheName: string | undefined,
  key: string,
  traceLabel: string,
): { exports: unknown; saveAtExit(): void } {
  const file = join(dist, name);
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), saveAtExit() {} };
  // The build writes plain ASCII (esbuild's default charset): read as Latin-1, the text is V8's
  // one-byte string as it is, without a UTF-8 decode of megabytes.
  const source = readFileSync(file, 'latin1');
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
  const cachedData = cacheFile === undefined ? undefined : readIfExists(cacheFile);
  const script = new vm.Script(`${WRAPPER_START}${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const state = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  if (process.env.SLIPWAY_TRACE_LOAD) process.stderr.write(`slipway: code cache${traceLabel} ${state}\n`);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
  return {
    exports: module.exports,
    saveAtExit() {
      if (cacheFile !== undefined && state !== 'used' && cacheName !== undefined)
        process.once('exit', () => writeCache(script, cacheDir, cacheFile, cacheName));
    },
  };
}

/** A name that could be a command's (the bundle says whether it is one before anything is written). */
function cacheable(command: string | undefined): command is string {
  return command !== undefined && /^[a-z]{1,20}(-[a-z]{1,20})?$/.test(command);
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // no cache yet: compiled from source, and written at exit
  }
}

function writeCache(script: vm.Script, dir: string, file: string, name: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
    // This name's caches of other builds or other Node versions can never match again.
    for (const entry of readdirSync(dir))
      if (entry.startsWith(`${name}.`) && join(dir, entry) !== file && !entry.endsWith('.tmp'))
        rmSync(join(dir, entry), { force: true });
  } catch {
    // A read-only installation: every run compiles from source, as without a cache.
  }
}
