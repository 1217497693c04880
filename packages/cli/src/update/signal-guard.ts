import { StepError } from './step-error.js';

/**
 * While the installation is being changed, a SIGTERM (systemd stopping the oneshot, a timeout),
 * SIGINT or SIGHUP must not end the updater halfway: the new code on disk, the old service
 * running, no record of either. The signal is remembered instead; the next checkpoint fails the
 * step, and the usual rollback puts the old version back before the process exits.
 */
export interface SignalGuard {
  /** Throws a StepError for `step` once a signal has arrived. */
  checkpoint(step: StepError['step']): void;
  release(): void;
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export function guardSignals(): SignalGuard {
  let received: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    checkpoint(step) {
      if (received) throw new StepError(step, `interrupted by ${received}; rolling back before exiting`);
    },
    release() {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
