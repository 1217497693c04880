import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// The SQL parser (libpg-query) is one large WebAssembly module. V8 compiles it quickly with its
// baseline compiler, then recompiles the hot parser functions with its optimising one, on the
// same cores: a one-shot `slipway check` parses a few thousand statements and is over before
// that pays back (about a quarter of the CPU time of checking 2,000 SQL files). The flag is set
// before any module is compiled; the language server, which runs for hours, keeps tier-up.
if (process.argv[2] !== 'lsp') setFlagsFromString('--liftoff-only');

// Node's own compile cache (Node 22.1 and later; absent on Node 20, where this does nothing):
// later runs load the bundle's compiled code instead of parsing and compiling it again.
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

// git lists the files (and reads a change named by --base) while the command and its rules load
// (see startEarlyGit); everything else, main included, is imported only after it started.
const argv = process.argv.slice(2);
const earlyGit =
  argv[0] === 'check'
    ? (await import('./early-git.js')).startEarlyGit(argv, process.cwd(), process.env)
    : undefined;
const { main } = await import('./main.js');

// The bundled entry point (dist/slipway.mjs). Exit only after stdout has drained, so that large
// JSON or SARIF output piped to another program is never cut short.
const code = await main(argv, {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  ...(earlyGit ? { earlyGit } : {}),
  // Built beside this file (scripts/build.mjs); a worker thread runs it.
  workerScript: fileURLToPath(new URL('./slipway-worker.mjs', import.meta.url)),
});
process.exitCode = code;
