import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { sharedModules } from './shared-modules.js';

/**
 * Loads a command's bundle (dist/commands/<name>.cjs) with V8's code cache.
 *
 * Every `slipway check` or `promote` compiles about 500 KB of policy-core, and compiling is a
 * fifth of such a run (about 30 ms of module loading, more for functions compiled on first
 * call). Node 20 has no code cache for ES modules, so each command is bundled as a script and run
 * through `vm.Script`, which takes the cache V8 wrote at the end of an earlier run (`cachedData`):
 * the functions that run compiled are then deserialised instead of parsed and compiled again.
 *
 * The cache is a file per command in dist/.code-cache, named by a hash of the bundle's text, the
 * Node version and the architecture; V8 also refuses data from another V8 version or other
 * flags. The build writes a first one (what compiling alone produces); the first run that ends
 * without a run's cache writes one, atomically; a directory that cannot be written just means
 * no cache. The bundles never see `import()` (built for a host without
 * dynamic import: packages load with `require`, the one ES-only package through `hostImport`).
 *
 * Modules the entry point already holds (git-prefetch.ts and the git adapters, command.ts) are
 * not copied into the bundles: they `require('slipway-shared:<path>')`, answered here from
 * `sharedModules`, so that state and classes are one (the prefetched listing, `UserError`).
 * `SLIPWAY_TRACE_LOAD=1` says on stderr whether the cache was used, absent or rejected.
 */
export function loadBundledCommand(name: string): Record<string, unknown> {
  const dist = dirname(fileURLToPath(import.meta.url));
  const file = join(dist, 'commands', `${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  // Stack traces that name the TypeScript sources (--debug turns source maps on) need Node's
  // own loader, which reads the bundle's source map but takes no code cache.
  if (process.sourceMapsEnabled) return compileWithSourceMap(file, source);
  const cacheDir = join(dist, '.code-cache');
  const cacheFile = join(cacheDir, cacheFileName(name, source));
  // The cache a run wrote holds every function that run compiled; the build's (see
  // scripts/build.mjs) only what compiling the script compiles eagerly, so a run replaces it.
  let cachedData = readIfExists(cacheFile);
  const fromBuild = cachedData === undefined;
  cachedData ??= readIfExists(cacheFile.replace(/\.bin$/, '.build.bin'));
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const state =
    cachedData === undefined
      ? 'absent'
      : script.cachedDataRejected
        ? 'rejected'
        : fromBuild
          ? 'used (the build wrote it)'
          : 'used';
  if (process.env.SLIPWAY_TRACE_LOAD) process.stderr.write(`slipway: ${name} bundle, code cache ${state}\n`);
  if (state !== 'used') process.once('exit', () => writeCache(script, cacheDir, cacheFile, name));
  const module = { exports: {} as Record<string, unknown> };
  const fromFile = createRequire(file);
  const require = Object.assign((id: string) => sharedModule(id) ?? fromFile(id), {
    resolve: fromFile.resolve,
    cache: fromFile.cache,
  });
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return module.exports;
}

/** The bundle as Node's CommonJS loader compiles a file, so that its source map is read. */
function compileWithSourceMap(file: string, source: string): Record<string, unknown> {
  const internal = Module as unknown as {
    _nodeModulePaths(dir: string): string[];
    new (id: string): NodeModule & { _compile(source: string, file: string): void };
  };
  const module = new internal(file);
  module.filename = file;
  module.paths = internal._nodeModulePaths(dirname(file));
  const fromFile = module.require.bind(module);
  // The bundle's `require` calls this method (Node's require function delegates to it).
  module.require = ((id: string) => sharedModule(id) ?? fromFile(id)) as NodeJS.Require;
  module._compile(source, file);
  return module.exports as Record<string, unknown>;
}

function sharedModule(id: string): unknown {
  if (!id.startsWith(SHARED)) return undefined;
  const shared = sharedModules[id.slice(SHARED.length)];
  if (shared === undefined) throw new Error(`slipway: the entry point does not hold ${id}; rebuild`);
  return shared;
}

const SHARED = 'slipway-shared:';

/**
 * `<name>-<sha256 of the script, 16 hex>-<node version>-<arch>.bin`. scripts/build.mjs names the
 * caches it writes the same way (with `.build.bin`): change both together.
 */
function cacheFileName(name: string, source: string): string {
  const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return `${name}-${key}-${process.version}-${process.arch}.bin`;
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // no cache (yet): compiled from source, and the cache is written at exit
  }
}

function writeCache(script: vm.Script, dir: string, file: string, name: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
    // Caches of other builds of this command, or of other Node versions, can never match again;
    // this script's own caches (the build's and this one) stay.
    const base = file.slice(0, -'.bin'.length);
    for (const old of readdirSync(dir))
      if (old.startsWith(`${name}-`) && !join(dir, old).startsWith(base) && !old.endsWith('.tmp'))
        rmSync(join(dir, old), { force: true });
  } catch {
    // A read-only installation: every run compiles from source, as without a cache.
  }
}
