import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type CliResult, cliEnv } from './cli.js';

/**
 * The built CLI's bundle (what dist/slipway.mjs loads: dist/slipway-cli.cjs, or
 * dist/slipway-hook.cjs for `hook`) run in this test process, synchronously, as `slipway()` runs it
 * in a child: the same arguments, environment, working folder and standard input, the same
 * exit code and output. For the tests that put many inputs to one command, whose subject is what
 * the command decides: a child process costs ~0.5 s of CPU to start and load the bundle, and the
 * suite started some 1,900. Everything of the process itself (the exit code reaching the shell,
 * signals, the code cache, output to a closed pipe) stays tested through `slipway()`.
 *
 * The bundle runs on a worker thread of its own (one per test process, loaded once); this thread
 * waits on a shared flag while it runs, as it would in spawnSync. Like spawnSync, nothing else on
 * this thread (a stand-in server) runs meanwhile.
 */
export function slipwayInProcess(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): CliResult {
  const bridge = started();
  const { port1, port2 } = new MessageChannel();
  Atomics.store(bridge.flag, 0, 0);
  bridge.worker.postMessage({ ...message(args, opts), sync: true, port: port2 }, [port2]);
  if (Atomics.wait(bridge.flag, 0, 0, RUN_LIMIT_MS) === 'timed-out') {
    running = undefined;
    void bridge.worker.terminate();
    throw new Error(`slipway ${args.join(' ')}: no answer in ${RUN_LIMIT_MS / 1000} s (in-process run)`);
  }
  const answer = receiveMessageOnPort(port1);
  port1.close();
  if (!answer) throw new Error(`slipway ${args.join(' ')}: the in-process run ended without an answer`);
  return answer.message as CliResult;
}

/**
 * The same run, answered asynchronously: for the deploy tests, whose thread serves the health
 * endpoints and the GitHub stand-in the command calls while it runs. Runs go one at a time in the
 * order they were asked for (each owns the thread's process.env), so two commands meant to race
 * (a deploy lock, a push race) stay child processes (test/deploy/helpers/run-cli.ts's startCli),
 * as do the runs a test signals or kills: a worker thread never receives a signal. Do not mix
 * this with slipwayInProcess in one test while a run is under way: the synchronous call would
 * block the thread that answers the command's health checks.
 */
export function slipwayInProcessAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Promise<CliResult> {
  const bridge = started();
  const { port1, port2 } = new MessageChannel();
  return new Promise<CliResult>((resolve, reject) => {
    const limit = setTimeout(() => {
      port1.close();
      reject(
        new Error(`slipway ${args.join(' ')}: no answer in ${ASYNC_RUN_LIMIT_MS / 1000} s (in-process run)`),
      );
    }, ASYNC_RUN_LIMIT_MS);
    port1.once('message', (answer: CliResult) => {
      clearTimeout(limit);
      port1.close();
      resolve(answer);
    });
    bridge.worker.postMessage({ ...message(args, opts), sync: false, port: port2 }, [port2]);
  });
}

function message(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string },
) {
  return { args, cwd: opts.cwd ?? process.cwd(), env: cliEnv(opts.env), input: opts.input ?? '' };
}

const RUN_LIMIT_MS = 60_000;
// Longer than a deploy test's own bounds (a test's 60 s): the test's timeout names the hang first.
const ASYNC_RUN_LIMIT_MS = 90_000;
let running: { worker: Worker; flag: Int32Array } | undefined;

function started(): { worker: Worker; flag: Int32Array } {
  if (running) return running;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./in-process-cli-worker.mjs', import.meta.url), {
    workerData: { flag: flag.buffer },
  });
  // The test process ends when its tests do, the thread with it.
  worker.unref();
  running = { worker, flag };
  return running;
}
