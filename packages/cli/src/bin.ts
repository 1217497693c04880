import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { loadCliBundle } from './cli-bundle-loader.js';

/** Hashes of dist/slipway-cli.cjs and dist/slipway-hook.cjs, which scripts/build.mjs builds first. */
declare const __SLIPWAY_CLI_BUNDLE_KEY__: string;
declare const __SLIPWAY_HOOK_BUNDLE_KEY__: string;

// The SQL parser (libpg-query) is one large WebAssembly module. V8 compiles it quickly with its
// baseline compiler, then recompiles the hot parser functions with its optimising one, on the
// same cores: a one-shot `slipway check` parses a few thousand statements and is over before
// that pays back (about a quarter of the CPU time of checking 2,000 SQL files). The flag is set
// before any module is compiled; the language server, which runs for hours, keeps tier-up.
if (process.argv[2] !== 'lsp') setFlagsFromString('--liftoff-only');

// Node's own compile cache (Node 22.1 and later; absent on Node 20, where this does nothing), for
// this entry: the script bundle below has a code cache of its own on every Node version.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The bundle is minified; with --debug, stack traces should name the TypeScript sources.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

// A reader that stops early (`slipway explain --list | head`) closes the pipe: not an error, and
// never a stack trace. Any other failure to write the report is one line and exit 2.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE')
    process.stderr.write(`slipway: cannot write to standard output: ${err.code ?? err}\n`);
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
});
process.stderr.on('error', () => process.exit(process.exitCode ?? 2));

// Everything but this entry is one script (dist/slipway-cli.cjs) run with V8's code cache
// (cli-bundle-loader.ts); the agent gate, run before every tool call, has a smaller one of its
// own (dist/slipway-hook.cjs). The bundle's `run` (bundle-run.ts) starts git listing the files as
// soon as the bundle is loaded, while the command's modules are evaluated.
const argv = process.argv.slice(2);
const dist = dirname(fileURLToPath(import.meta.url));
const command = argv.find((a) => a !== '--debug');
const {
  bundle: { run },
  reached,
} =
  command === 'hook'
    ? loadCliBundle(dist, 'slipway-hook.cjs', command, __SLIPWAY_HOOK_BUNDLE_KEY__)
    : loadCliBundle(dist, 'slipway-cli.cjs', command, __SLIPWAY_CLI_BUNDLE_KEY__);

// The bundled entry point (dist/slipway.mjs). Exit only after stdout has drained, so that large
// JSON or SARIF output piped to another program is never cut short.
const code = await run(argv, {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  codeCache: { reached },
  // Built beside this file (scripts/build.mjs); a worker thread runs it.
  workerScript: join(dist, 'slipway-worker.mjs'),
});
process.exitCode = code;
