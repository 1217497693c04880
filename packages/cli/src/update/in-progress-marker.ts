import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../command.js';
import { readTextIfExists, writeFileAtomic } from '@slipway/policy-core/node';
import type { Snapshot } from './snapshot.js';
import { StepError, type UpdateStep } from './step-error.js';

/**
 * "An update is being applied": written (atomically, fsynced) once the backup is complete and
 * before the first change to the checkout, removed once the report is written or a rollback has
 * completed. A SIGKILL or a power cut in between leaves it behind, and the next run restores the
 * backup it names before anything else; without it, the untested code on disk would be taken for
 * the running release. It lives in the git directory, beside the updater's lock: a restore never
 * touches it, and there is one per checkout as there is one updater per checkout.
 */
export interface InProgressMarker {
  schema: 1;
  profile: string;
  pid: number;
  started_at: string;
  /** The step under way: the one a recovery reports as failed. */
  step: UpdateStep;
  /** The service was quiesced or restarted: a recovery restores persistence and restarts. */
  service_touched: boolean;
  /** The interrupted run already counted its failure (its own rollback failed). */
  failure_recorded: boolean;
  from: { label: string; version: string | null; commit: string; branch: string | null };
  to: { label: string; version: string | null; commit: string };
  /** version.json before the update, verbatim, or null when there was none. */
  version_json: string | null;
  /** The snapshot to restore; `dir` relative to the checkout. */
  backup: { dir: string; code_sha256: string; persistence_sha256: string | null };
}

export const markerPath = (gitDir: string) => join(gitDir, 'slipway-update-in-progress.json');

/** Written once the backup is complete, before the checkout changes. */
export function startMarker(
  gitDir: string,
  at: {
    root: string;
    profile: string;
    startedAt: Date;
    from: InProgressMarker['from'];
    to: InProgressMarker['to'];
    versionPath: string;
    snap: Snapshot;
  },
): InProgressMarker {
  const marker: InProgressMarker = {
    schema: 1,
    profile: at.profile,
    pid: process.pid,
    started_at: at.startedAt.toISOString(),
    step: 'apply',
    service_touched: false,
    failure_recorded: false,
    from: at.from,
    to: at.to,
    version_json: readTextIfExists(at.versionPath) ?? null,
    backup: snapshotRef(at.root, at.snap),
  };
  try {
    writeMarker(gitDir, marker);
  } catch (err) {
    throw new StepError(
      'snapshot',
      `cannot write ${markerPath(gitDir)}: ${(err as Error).message}; nothing was changed`,
    );
  }
  return marker;
}

export function writeMarker(gitDir: string, marker: InProgressMarker): void {
  writeFileAtomic(markerPath(gitDir), `${JSON.stringify(marker, null, 2)}\n`);
}

export function removeMarker(gitDir: string): void {
  rmSync(markerPath(gitDir), { force: true });
}

/** The marker, or undefined when no update was interrupted. A damaged one stops the updater. */
export function readMarker(gitDir: string): InProgressMarker | undefined {
  const path = markerPath(gitDir);
  if (!existsSync(path)) return undefined;
  const damaged = (why: string) =>
    new UserError(
      `${path} (an interrupted update) ${why}; restore the checkout from the newest backups/ entry by hand, then delete it`,
    );
  let m: Partial<InProgressMarker>;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw damaged(`is not valid JSON (${(err as Error).message})`);
  }
  const ok =
    m?.schema === 1 &&
    typeof m.profile === 'string' &&
    typeof m.step === 'string' &&
    typeof m.from?.commit === 'string' &&
    typeof m.from.label === 'string' &&
    typeof m.to?.label === 'string' &&
    typeof m.backup?.dir === 'string' &&
    typeof m.backup.code_sha256 === 'string';
  if (!ok) throw damaged('is not a marker this updater wrote');
  return m as InProgressMarker;
}

/** After a rollback: gone when it completed; kept (failure counted) when it did not. */
export function settleMarker(gitDir: string, marker: InProgressMarker, restored: boolean): void {
  try {
    if (restored) removeMarker(gitDir);
    else writeMarker(gitDir, { ...marker, failure_recorded: true });
  } catch {
    // The failure is recorded either way; a marker left as it was only repeats the restore.
  }
}

/** The snapshot a marker names, as restoreSnapshot and rollback take it. */
export function markerSnapshot(root: string, m: InProgressMarker): Snapshot {
  return {
    dir: join(root, m.backup.dir),
    head: m.from.commit,
    branch: m.from.branch,
    codeSha256: m.backup.code_sha256,
    persistenceSha256: m.backup.persistence_sha256,
  };
}

export function snapshotRef(root: string, snap: Snapshot): InProgressMarker['backup'] {
  return {
    dir: relative(root, snap.dir),
    code_sha256: snap.codeSha256,
    persistence_sha256: snap.persistenceSha256,
  };
}

/** One line for `update status` while a marker is present: a live updater, or an interrupted one. */
export function describeMarker(m: InProgressMarker): string {
  const what = `${m.from.label} -> ${m.to.label} started ${m.started_at} (pid ${m.pid})`;
  if (isAlive(m.pid)) return `update in progress: ${what}, now at ${m.step}`;
  return `UPDATE INTERRUPTED: ${what} stopped during ${m.step}; the next \`slipway update\` restores ${m.from.label} from ${m.backup.dir}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
