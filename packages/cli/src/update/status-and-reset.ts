import { join } from 'node:path';
import { countersToday, jsonText, rollDay } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { git } from './git.js';
import type { LoadedUpdateConfig } from './load-update-config.js';
import { describeMarker, readMarker } from './in-progress-marker.js';
import { acquireUpdateLock } from './lock.js';
import { StateStore } from './state-store.js';

/** `slipway update status`: what runs, the last run, today's counters, the circuit, and an interrupted update. */
export async function statusReport(
  loaded: LoadedUpdateConfig,
  env: Record<string, string | undefined>,
  now: Date,
  json: boolean,
): Promise<string> {
  const { config, profile } = loaded;
  const store = new StateStore(loaded.root, config.persistence_dir, profile);
  const version = store.readVersion() ?? null;
  const state = store.readState(now);
  const gitDir = await git({ root: loaded.root, env }, ['rev-parse', '--absolute-git-dir']);
  const marker = gitDir.code === 0 ? readMarker(gitDir.stdout.trim()) : undefined;
  // The state quotes the repository and its remote (a release's tag, a failure's message).
  if (json)
    return jsonText({
      version: 1,
      profile,
      running: version,
      state: rollDay(state, now),
      ...(marker ? { in_progress: marker } : {}),
    });
  const today = countersToday(state, now);
  const fetches = state.day === rollDay(state, now).day ? state.fetch_failures_today : 0;
  const lines = [
    `profile ${profile} (${config.remote}/${config.channel}, ${config.track})`,
    version
      ? `running: ${version.version ?? version.commit.slice(0, 12)} (${version.commit.slice(0, 12)}) applied ${version.applied_at}${version.restart_pending ? ', RESTART PENDING' : ''}`
      : 'running: unknown (no version.json yet)',
    state.last_run
      ? `last run: ${state.last_run.at} ${state.last_run.result}${state.last_run.step ? ` at ${state.last_run.step}` : ''}: ${state.last_run.message}`
      : 'last run: never',
    `today: ${today.attempts}/${config.max_attempts_per_day} attempts, ${today.failures}/${config.max_failures_per_day} failures, ${fetches} failed fetches`,
    state.circuit.open
      ? `circuit: OPEN since ${state.circuit.opened_at ?? '?'} (${state.circuit.reason ?? 'failures'}); \`slipway update reset --reason ...\` closes it`
      : 'circuit: closed',
    ...(marker ? [describeMarker(marker)] : []),
  ];
  return lines.join('\n');
}

/** `slipway update reset --reason`: a human closes the circuit and clears today's failures. */
export async function resetCircuit(
  loaded: LoadedUpdateConfig,
  env: Record<string, string | undefined>,
  now: Date,
  reason: string,
): Promise<string> {
  if (!reason.trim())
    throw new UserError(
      'reset needs --reason "what was fixed" (it is kept in update_state.json and the audit log)',
    );
  const gitDir = await git({ root: loaded.root, env }, ['rev-parse', '--absolute-git-dir']);
  const lock = acquireUpdateLock(
    join(gitDir.stdout.trim(), 'slipway-update.lock'),
    `slipway update reset --profile ${loaded.profile}`,
  );
  try {
    const store = new StateStore(loaded.root, loaded.config.persistence_dir, loaded.profile);
    const state = rollDay(store.readState(now), now);
    const wasOpen = state.circuit.open;
    store.writeState({
      ...state,
      failures_today: 0,
      circuit: { open: false },
      resets: [...state.resets, { at: now.toISOString(), reason: reason.trim() }].slice(-50),
    });
    store.audit({
      at: now.toISOString(),
      event: 'update-reset',
      profile: loaded.profile,
      reason: reason.trim(),
      was_open: wasOpen,
    });
    return `slipway update [${loaded.profile}]: circuit ${wasOpen ? 'closed' : 'was already closed'}; failures today cleared (${reason.trim()})`;
  } finally {
    lock.release();
  }
}
