import type { ChildProcess } from 'node:child_process';

/**
 * Calls `done` once with the child's own exit status, as soon as its output has been read, but
 * no later than `graceMs` after it exited. Node's 'close' waits for the pipes too, and a process
 * the command started in the background (`nohup bot &` in a restart hook, `setsid daemon &` in a
 * deploy script) inherits them and may hold them for as long as it lives. The command itself is
 * over, so after the grace its pipes are destroyed: the rest of the daemon's output is not ours.
 */
export function onExitThenDrain(
  child: ChildProcess,
  graceMs: number,
  done: (code: number | null, signal: NodeJS.Signals | null) => void,
): void {
  let called = false;
  let grace: NodeJS.Timeout | undefined;
  const finish = (code: number | null, signal: NodeJS.Signals | null) => {
    if (called) return;
    called = true;
    clearTimeout(grace);
    child.stdout?.destroy();
    child.stderr?.destroy();
    done(code, signal);
  };
  child.on('exit', (code, signal) => {
    grace = setTimeout(() => finish(code, signal), graceMs);
  });
  child.on('close', finish);
}
