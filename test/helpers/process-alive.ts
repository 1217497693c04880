import { existsSync, readFileSync } from 'node:fs';

/**
 * Whether process `pid` still runs. A zombie has ended (only its exit status waits to be
 * collected): a killed grandchild is reparented to PID 1, and a container's PID 1 may take a
 * second or more to reap it, all the while `kill(pid, 0)` still succeeds. On Linux its state in
 * /proc says so; elsewhere the signal alone answers.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // `pid (comm) S ...`: the state follows the last ')' (a command name may hold one).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // With /proc there, a process without its entry is gone (it ended between the two asks).
    return !existsSync('/proc/self/stat');
  }
}
