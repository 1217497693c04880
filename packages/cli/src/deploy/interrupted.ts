import { constants } from 'node:os';

/**
 * The exit code for a run something stopped: what a shell reports for a process ended by that
 * signal (130 for SIGINT, 143 for SIGTERM); 1 when it was not a signal.
 */
export function signalExitCode(signal: string): number {
  const n = constants.signals[signal as NodeJS.Signals];
  return n === undefined ? 1 : 128 + n;
}
