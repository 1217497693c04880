import { type UpdateConfig, type UpdateResult, type UpdateState, rollDay } from '@slipway/policy-core';
import type { StateStore } from './state-store.js';
import type { UpdateStep } from './step-error.js';

/**
 * The state transitions of one run. Every write goes through the StateStore (atomic); every
 * transition also leaves one audit line, so the journal and the state never disagree.
 */
export interface RunRecord {
  result: UpdateResult;
  message: string;
  target?: string;
  step?: UpdateStep;
  from?: string;
}

export function recordRun(store: StateStore, state: UpdateState, now: Date, run: RunRecord): UpdateState {
  const next: UpdateState = {
    ...rollDay(state, now),
    last_run: {
      at: now.toISOString(),
      result: run.result,
      target: run.target,
      step: run.step,
      message: run.message,
    },
  };
  store.writeState(next);
  store.audit({ at: now.toISOString(), event: `update-${run.result}`, profile: store.profile, ...run });
  return next;
}

export function recordAttempt(store: StateStore, state: UpdateState, now: Date): UpdateState {
  const rolled = rollDay(state, now);
  const next = { ...rolled, attempts_today: rolled.attempts_today + 1 };
  store.writeState(next);
  return next;
}

/**
 * A failed step. Fetch failures are counted apart: a network blip must not open the circuit.
 * Everything else counts toward max_failures_per_day; reaching it opens the circuit, which only
 * `slipway update reset` closes: after repeated failures auto-update stops until a person intervenes.
 */
export function recordFailure(
  store: StateStore,
  state: UpdateState,
  config: UpdateConfig,
  now: Date,
  run: Omit<RunRecord, 'result'> & { step: UpdateStep; forceOpen?: boolean },
): UpdateState {
  const rolled = rollDay(state, now);
  let next: UpdateState;
  if (run.step === 'fetch') {
    next = { ...rolled, fetch_failures_today: rolled.fetch_failures_today + 1 };
  } else {
    const failures = rolled.failures_today + 1;
    const open = run.forceOpen || failures >= config.max_failures_per_day;
    next = {
      ...rolled,
      failures_today: failures,
      total_failures: rolled.total_failures + 1,
      circuit:
        open && !rolled.circuit.open
          ? {
              open: true,
              opened_at: now.toISOString(),
              reason: run.forceOpen
                ? `rollback failed at ${run.step}`
                : `${failures} failed update(s) on ${rolled.day}, last at ${run.step}`,
            }
          : rolled.circuit,
    };
  }
  const { forceOpen: _, ...record } = run;
  return recordRun(store, next, now, { ...record, result: 'failed' });
}
