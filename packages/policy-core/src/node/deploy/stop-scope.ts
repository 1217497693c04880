/**
 * The signals that stop a deploy or rollback (and an approval prompt): Ctrl-C, `kill`/systemd/CI
 * cancelling the job, a closed terminal. The command runs in its own process group, so it never
 * receives them itself: Slipway must pass them on, or the deploy finishes unwatched.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Listens for SIGINT, SIGTERM and SIGHUP while one step runs whose end must be logged (a deploy
 * command and its health checks, an approval prompt), and turns them into AbortSignals the step
 * can stop on. Listening replaces Node's default of exiting at once: a run killed that way
 * leaves a `started` entry with no end, or a refusal nobody logged. The other side of that: for
 * as long as a scope is open, nothing exits on those signals, so every scope must be closed
 * (try/finally), after which the default applies again.
 */
export interface StopScope {
  /** Aborted at the first stop signal; its `reason` is the signal's name. */
  readonly stop: AbortSignal;
  /** Aborted at a second one: someone pressing Ctrl-C again will not wait for a grace period. */
  readonly stopNow: AbortSignal;
  /** What stopped it (the signal's name, or "cancellation"), once something did. */
  readonly signal: string | undefined;
  close(): void;
}

/** `source` is the process; tests pass an emitter. */
export function openStopScope(source: NodeJS.EventEmitter = process): StopScope {
  const first = new AbortController();
  const second = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!first.signal.aborted) first.abort(signal);
    else if (!second.signal.aborted) second.abort(signal);
  };
  for (const s of STOP_SIGNALS) source.on(s, onSignal);
  return {
    stop: first.signal,
    stopNow: second.signal,
    get signal() {
      return first.signal.aborted ? stopReason(first.signal) : undefined;
    },
    close() {
      for (const s of STOP_SIGNALS) source.off(s, onSignal);
    },
  };
}

/**
 * A scope over a caller's AbortSignal (an editor's cancel button): always open, nothing to
 * close; without a signal it never stops.
 */
export function signalStopScope(signal?: AbortSignal): StopScope {
  const stop = signal ?? new AbortController().signal;
  return {
    stop,
    // One cancel stops the command gracefully (SIGTERM, then SIGKILL after the grace period).
    stopNow: new AbortController().signal,
    get signal() {
      return stop.aborted ? stopReason(stop) : undefined;
    },
    close() {},
  };
}

/** What an aborted `stop` names, for messages ("interrupted by SIGINT", "interrupted by cancellation"). */
export function stopReason(stop: AbortSignal): string {
  return typeof stop.reason === 'string' ? stop.reason : 'cancellation';
}
