// The thread that runs the CLI's bundle for test/helpers/in-process-cli.ts: one run at a time,
// each answered on the port it brings, then (for a synchronous caller) the waiting test thread
// woken through the flag.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { runInThisContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

const dist = fileURLToPath(new URL('../../packages/cli/dist/', import.meta.url));
const bundles = new Map();
const flag = new Int32Array(workerData.flag);

// Runs one at a time, in the order they came: an asynchronous caller (a deploy test, whose own
// thread serves the health endpoints meanwhile) may send the next before this one has answered,
// and each run owns this thread's process.env while it lasts.
let queue = Promise.resolve();
parentPort.on('message', (message) => {
  queue = queue.then(() => answer(message));
});

async function answer({ args, cwd, env, input, port, sync }) {
  let result;
  try {
    result = await run(args, cwd, env, input);
  } catch (err) {
    result = { code: -1, stdout: '', stderr: `the in-process run threw: ${err?.stack ?? err}` };
  }
  port.postMessage(result);
  port.close();
  if (!sync) return;
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

async function run(args, cwd, env, input) {
  // This thread's process.env is its own copy: each run sees exactly the environment a child
  // process would be given, and nothing a run set (check's --allow-unpinned does) outlives it.
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  const command = args.find((a) => a !== '--debug');
  // As bin.ts loads them (its OWN_SCRIPTS): a command's own script, the whole CLI's for the rest.
  const file = command === 'hook' || command === 'metrics' ? `slipway-${command}.cjs` : 'slipway-cli.cjs';
  if (!bundles.has(file)) bundles.set(file, load(`${dist}${file}`));
  const stdout = collector();
  const stderr = collector();
  const code = await bundles.get(file).run(args, {
    cwd,
    env: process.env,
    stdin: Readable.from(input === '' ? [] : [Buffer.from(input)]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    workerScript: `${dist}slipway-worker.mjs`,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * A script of the CLI's build, run as bin.ts runs it: the file is the function CommonJS would wrap.
 * A split script's chunks (`./chunks/x.cjs`) are run once each, as the loader runs them
 * (packages/cli/src/cli-bundle-loader.ts), with the script's folder for `__dirname`.
 */
function load(file) {
  const known = modules.get(file);
  if (known) return known.exports;
  const module = { exports: {} };
  modules.set(file, module);
  const node = createRequire(file);
  const require = (id) => (/^\.\.?\/.*\.cjs$/.test(id) ? load(resolve(dirname(file), id)) : node(id));
  runInThisContext(readFileSync(file, 'latin1'), { filename: file })(
    module.exports,
    require,
    module,
    file,
    dist,
  );
  return module.exports;
}
const modules = new Map();

/** A stream that keeps what is written to it, as a pipe to the test would. */
function collector() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
