import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/**
 * One of the CLI's scripts run with V8's code cache (cli-bundle-loader.ts says why and how the
 * caches are named, marked and widened): read, compiled with its cache when there is a usable
 * one, run as CommonJS would run it, and its cache written at exit when it had none or was widened.
 */
export interface LoadedScript {
  exports: unknown;
  saveAtExit(): void;
  reached(mark: string): void;
}

/** Where a script's caches go, and the `require` it is given (its chunks' loader: script-chunks.ts). */
export interface ScriptHost {
  /** The scripts' folder (dist/): its .code-cache/ holds every cache, its chunks/ the chunks. */
  readonly dist: string;
  requireFrom(file: string): (id: string) => unknown;
}

/** Which script runCachedScript runs, with which cache, and how it says so. */
export interface ScriptToRun {
  /** Its file under `host.dist` (a chunk: `chunks/<its name>.cjs`). */
  name: string;
  /** The cache's name (none: no cache) and the build's key for the script. */
  cacheName: string | undefined;
  key: string;
  /** Said after "code cache" in the trace (` (shell parser)`). */
  traceLabel: string;
  /** Trace nothing when the cache was used (a split script's chunks: dozens a run). */
  quietWhenUsed?: boolean;
  /** The module object the script fills (a chunk's is in Chunks' table before it runs). */
  module?: { exports: unknown };
}

/**
 * Runs the script, its `require` from `host`, with the cache its name names. The trace says
 * whether the cache was used, absent, rejected or widened. `__dirname` is `host.dist`, where the
 * scripts it loads by name sit (a chunk runs as part of its script).
 */
export function runCachedScript(run: ScriptToRun, host: ScriptHost): LoadedScript {
  const { name, cacheName, key, traceLabel } = run;
  const module = run.module ?? { exports: {} };
  const dist = host.dist;
  const file = join(dist, name);
  // The build writes plain ASCII (esbuild's default charset): read as Latin-1, the text is V8's
  // one-byte string as it is, without a UTF-8 decode of megabytes. The file is already the
  // function CommonJS would wrap it in (scripts/build-cli.mjs writes `(function (exports, require,
  // module, __filename, __dirname) {` … `})`): compiled as read, with no copy of megabytes that a
  // wrapper added here would cost (V8 flattens the joined string; a tenth of an agent-gate call).
  const source = readFileSync(file, 'latin1');
  if (process.sourceMapsEnabled)
    return {
      exports: runScript(new vm.Script(source, { filename: file }), file, true, host, module),
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
  if (state !== 'used' || !run.quietWhenUsed) trace(state);
  const exports = runScript(script, file, false, host, module);
  const marks = new Set(state === 'used' ? cached?.marks : []);
  let widened = false;
  return {
    exports,
    saveAtExit() {
      if (cacheFile === undefined || cacheName === undefined) return;
      atExit(() => {
        if (state === 'used' && !widened) return;
        if (state === 'used') trace('widened');
        writeCache(script, [...marks], cacheFile, cacheName, dist);
      });
    },
    reached(mark) {
      if (marks.has(mark)) return;
      marks.add(mark);
      widened = true;
    },
  };
}

/** The caches to write when the process exits: one listener for the scripts and all their chunks. */
function atExit(write: () => void): void {
  if (exitWrites.length === 0)
    process.once('exit', () => {
      for (const w of exitWrites.splice(0)) w();
    });
  exitWrites.push(write);
}
const exitWrites: (() => void)[] = [];

/**
 * Runs a script the build wrapped, as CommonJS would run it, and gives its exports. Under
 * `--debug` Node's CommonJS loader reads the file first: that evaluates a bare function expression
 * (nothing runs) and registers the file's source map, by which Node then maps the frames of this
 * script, which carries the same file name and text, to the TypeScript sources.
 */
function runScript(
  script: vm.Script,
  file: string,
  debug: boolean,
  host: ScriptHost,
  module: { exports: unknown },
): unknown {
  if (debug) createRequire(file)(file);
  const wrapped: unknown = script.runInThisContext();
  if (typeof wrapped !== 'function')
    throw new Error(`${file} is not a script this build wrote; build Slipway again (node scripts/build.mjs)`);
  wrapped(module.exports, host.requireFrom(file), module, file, host.dist);
  return module.exports;
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
/** Whether this run has removed the caches of chunks gone from dist/chunks (once: the sweep reads the folder). */
let chunkCachesSwept = false;

function writeCache(script: vm.Script, marks: string[], file: string, name: string, dist: string): void {
  const dir = dirname(file);
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
    // A chunk's name is a hash of its text: the caches of chunks another build wrote name chunks
    // that are gone from dist/chunks, and go when a run first writes a chunk's cache.
    if (name.startsWith('chunk-') && !chunkCachesSwept) {
      chunkCachesSwept = true;
      for (const entry of readdirSync(dir)) {
        const chunk = /^chunk-([^.]+)\./.exec(entry)?.[1];
        if (chunk !== undefined && !existsSync(join(dist, 'chunks', `${chunk}.cjs`)))
          rmSync(join(dir, entry), { force: true });
      }
    }
  } catch {
    // A read-only installation: every run compiles from source, as without a cache.
  }
}
