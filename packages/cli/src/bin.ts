import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { loadCliBundle } from './cli-bundle-loader.js';

/** Hashes of dist/slipway-cli.cjs, -hook.cjs and -metrics.cjs, which scripts/build.mjs builds first. */
declare const __SLIPWAY_CLI_BUNDLE_KEY__: string;
declare const __SLIPWAY_HOOK_BUNDLE_KEY__: string;
declare const __SLIPWAY_METRICS_BUNDLE_KEY__: string;

/**
 * The commands with a script of their own (single-command-bundle.ts), and its key: the agent
 * gate, run before every tool call, and the delivery figures, whose run is short beside loading
 * every command. A Map: a command name is the user's text (`slipway constructor`).
 */
const OWN_SCRIPTS = new Map<string, readonly [script: string, key: string]>([
  ['hook', ['slipway-hook.cjs', __SLIPWAY_HOOK_BUNDLE_KEY__]],
  ['metrics', ['slipway-metrics.cjs', __SLIPWAY_METRICS_BUNDLE_KEY__]],
]);

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
// (cli-bundle-loader.ts); a few commands have a smaller one of their own (OWN_SCRIPTS). The
// bundle's `run` (bundle-run.ts) starts git listing the files as soon as the bundle is loaded,
// while the command's modules are evaluated.
const argv = process.argv.slice(2);
const dist = dirname(fileURLToPath(import.meta.url));
const command = argv.find((a) => a !== '--debug');
const [script, key] = (command !== undefined && OWN_SCRIPTS.get(command)) || [
  'slipway-cli.cjs',
  __SLIPWAY_CLI_BUNDLE_KEY__,
];
const { bundle, reached } = loaded(() => loadCliBundle(dist, script, command, key));
const { run } = bundle;

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

/**
 * The script, or one line and exit 2 when it cannot be loaded (a file of the installation gone,
 * a chunk of the gate's split script): never a stack trace. 2 is the refusal of Claude Code's,
 * Codex's, Gemini CLI's and Cursor's hooks, where 1 would let the call through unjudged; the
 * hook command `slipway init --agents` writes refuses for every agent on any failure.
 */
function loaded<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    process.stderr.write(`slipway: cannot load the CLI's ${script} (${why}); install Slipway again\n`);
    process.exit(2);
  }
}
