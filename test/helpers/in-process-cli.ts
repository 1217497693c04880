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
  bridge.worker.postMessage(
    { args, cwd: opts.cwd ?? process.cwd(), env: cliEnv(opts.env), input: opts.input ?? '', port: port2 },
    [port2],
  );
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

const RUN_LIMIT_MS = 60_000;
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
