import { constants } from 'node:os';

/**
 * The signals that stop a deploy or rollback (and an approval prompt): Ctrl-C, `kill`/systemd/CI
 * cancelling the job, a closed terminal. The command runs in its own process group, so it never
 * receives them itself: Slipway must pass them on, or the deploy finishes unwatched.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The exit code a shell reports for a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * The one line a promote or rollback prints when it was interrupted, after the interruption is
 * logged. Nothing is rolled back automatically: the person who pressed Ctrl-C wanted Slipway to
 * stop, not to start another deploy, so the line says what to look at instead. `during` is what
 * was stopped: the command (with everything it started), or the health checks after it.
 */
export function interruptedLine(
  signal: NodeJS.Signals,
  during: 'command' | 'health',
  what: string,
  envName: string,
  record: string,
  current: string | null,
) {
  const stopped =
    during === 'health'
      ? `stopped the health checks of the ${what}`
      : `stopped the ${what} command and everything it started`;
  return `interrupted by ${signal}: ${stopped}; logged as failed; ${record} ${current ? `still names ${current.slice(0, 12)}` : 'was not written'}; nothing was rolled back, so check what ${envName} runs now\n`;
}
