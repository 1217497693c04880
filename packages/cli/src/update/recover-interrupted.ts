import { rmSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { readRepoText, writeRepoFile } from '@slipway/policy-core/node';
import type { GitRunner } from './git.js';
import type { HookContext } from './hooks.js';
import { markerSnapshot, readMarker, removeMarker, writeMarker } from './in-progress-marker.js';
import { recordFailure } from './record-outcome.js';
import { rollback } from './rollback.js';
import type { UpdateOutcome, UpdateRun } from './update-run.js';
import type { SnapshotLayout } from './snapshot.js';
import { StateStore } from './state-store.js';

export interface Recovery {
  /** The run ends here (a dry run, or a restore that failed). */
  stop?: UpdateOutcome;
  /** Said at the start of the run's journal line when the run goes on. */
  note?: string;
}

/**
 * An update killed outright (SIGKILL, a power cut) never ran its rollback: the checkout may hold
 * code that was never tested. Before deciding anything, the backup the marker names is restored
 * exactly as a failed step's rollback would, the interrupted attempt counts as a failure, and the
 * marker goes. Returns undefined when no update was interrupted.
 */
export async function recoverInterrupted(
  run: UpdateRun,
  runner: GitRunner,
  gitDir: string,
): Promise<Recovery | undefined> {
  const marker = readMarker(gitDir);
  if (!marker) return undefined;
  const prefix = `slipway update [${run.profile}]`;
  const what = `${marker.from.label} -> ${marker.to.label} (stopped during ${marker.step})`;
  if (run.dryRun)
    return {
      stop: {
        exitCode: 1,
        line: `${prefix}: an interrupted update ${what} is pending: a real run restores ${marker.from.label} from ${marker.backup.dir} first; dry run, nothing changed`,
      },
    };
  const { config } = run;
  const layout: SnapshotLayout = {
    root: run.root,
    keep: ['.git', config.backup_dir, config.persistence_dir],
    backupDir: config.backup_dir,
    persistenceDir: config.persistence_dir,
    profile: marker.profile,
  };
  const hooks: HookContext = {
    root: run.root,
    env: run.env,
    config,
    profile: marker.profile,
    from: marker.from.label,
    to: marker.to.label,
  };
  const restored = await rollback({
    run,
    runner,
    layout,
    snap: markerSnapshot(run.root, marker),
    hooks,
    serviceTouched: marker.service_touched,
  });
  const store = new StateStore(run.root, config.persistence_dir, marker.profile);
  // With the service untouched the persistence directory is the running bot's and is not
  // restored; version.json is the updater's own, and goes back to what it said before.
  if (restored.ok) restoreText(run.root, store.versionPath, marker.version_json);
  const message = `interrupted during ${marker.step}, the updater was killed before it could roll back; ${restored.message}`;
  const now = run.now();
  let state = store.readState(now);
  if (!marker.failure_recorded)
    state = recordFailure(store, state, config, now, {
      step: marker.step,
      message,
      target: marker.to.label,
      forceOpen: !restored.ok,
    });
  if (!restored.ok) {
    // Kept, so that the next run tries the restore again (without counting the failure twice).
    writeMarker(gitDir, { ...marker, failure_recorded: true });
    const circuit = state.circuit.open
      ? '; the circuit is open: `slipway update reset --reason ...` re-enables updates'
      : '';
    return { stop: { exitCode: 1, line: `${prefix}: failed at ${marker.step}: ${message}${circuit}` } };
  }
  removeMarker(gitDir);
  run.log(`${prefix}: ${message}`);
  return { note: `recovered the interrupted update ${what}: ${restored.message}` };
}

/** version.json is the repository's: read and written by the one reader and writer. */
function restoreText(root: string, path: string, text: string | null): void {
  if (text === null) {
    rmSync(path, { force: true });
    return;
  }
  const rel = relative(root, path).split(sep).join('/');
  if (readRepoText(root, rel) === text) return;
  writeRepoFile(root, rel, text);
}
