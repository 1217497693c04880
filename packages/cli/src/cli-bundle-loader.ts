import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import type { CliBundle } from './cli-bundle.js';

/**
 * Runs the CLI's script bundle (dist/slipway-cli.cjs, everything but the entry point) with V8's
 * code cache.
 *
 * Node 20 has no code cache for ES modules: every `slipway check`, `promote` or agent-gate `hook`
 * compiled about 1.3 MB of bundled code again, in some twenty module files, which was a fifth to a
 * quarter of a short run's CPU (and of the test suite's, which starts the CLI thousands of times).
 * A script run through `vm.Script` takes the data V8 wrote at the end of an earlier run
 * (`cachedData`): the functions that run then are deserialised instead of parsed and compiled.
 * `vm.Script` and its cache are Node's public API; Node 22's `module.enableCompileCache` does the
 * same for ES modules, and bin.ts turns it on where it exists.
 *
 * The cache is one file per command in dist/.code-cache (beside the bundle, never in a
 * repository: a code cache is code, and the repositories Slipway reads are not trusted), named by
 * the command, a hash of the bundle the build computed, the script file's size and time, the Node
 * version and the architecture; V8
 * itself also refuses data from another V8 or other flags. A run without a usable cache writes
 * one at exit, atomically (what that run compiled), and removes the command's caches of other
 * builds; a folder that cannot be written only means every run compiles, as without a cache.
 * `SLIPWAY_TRACE_LOAD=1` says on stderr whether the cache was used, absent or rejected.
 *
 * Under `--debug` the bundle loads through Node's CommonJS loader instead, which reads its source
 * map, so stack traces name the TypeScript sources (no code cache there).
 */
export function loadCliBundle(dist: string, command: string | undefined, bundleKey: string): CliBundle {
  const file = join(dist, 'slipway-cli.cjs');
  if (process.sourceMapsEnabled) return createRequire(file)(file) as CliBundle;
  const source = readFileSync(file, 'utf8');
  const cacheDir = join(dist, '.code-cache');
  // V8 checks a cache against the script's length, not its text: the build's hash names the
  // script, and its size and time the file read, so that an entry of one build beside the script
  // of the next (a build between the two renames, a copy) never takes the other's cache.
  const st = statSync(file);
  const cacheFile = cacheable(command)
    ? join(
        cacheDir,
        `${command}.${bundleKey}-${st.size}-${Math.trunc(st.mtimeMs)}-${process.version}-${process.arch}.bin`,
      )
    : undefined;
  const cachedData = cacheFile === undefined ? undefined : readIfExists(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const state = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  if (process.env.SLIPWAY_TRACE_LOAD) process.stderr.write(`slipway: code cache ${state}\n`);
  const module = { exports: {} as CliBundle };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
  const bundle = module.exports;
  // Only a command's own name names a cache: `slipway chekc` writes none.
  if (cacheFile !== undefined && state !== 'used' && bundle.isCommand(command as string))
    process.once('exit', () => writeCache(script, cacheDir, cacheFile, command as string));
  return bundle;
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

function writeCache(script: vm.Script, dir: string, file: string, command: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
    // This command's caches of other builds or other Node versions can never match again.
    for (const name of readdirSync(dir))
      if (name.startsWith(`${command}.`) && join(dir, name) !== file && !name.endsWith('.tmp'))
        rmSync(join(dir, name), { force: true });
  } catch {
    // A read-only installation: every run compiles from source, as without a cache.
  }
}
