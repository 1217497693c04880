/**
 * The one line a promote or rollback says when it was interrupted, after the interruption is
 * logged. Nothing is rolled back automatically: the person who pressed Ctrl-C (or cancelled in
 * the editor) wanted Slipway to stop, not to start another deploy, so the line says what to look
 * at instead. `during` is what was stopped: the command (with everything it started), or the
 * health checks after it.
 */
export function interruptedLine(
  by: string,
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
  return `interrupted by ${by}: ${stopped}; logged as failed; ${record} ${current ? `still names ${current.slice(0, 12)}` : 'was not written'}; nothing was rolled back, so check what ${envName} runs now`;
}
