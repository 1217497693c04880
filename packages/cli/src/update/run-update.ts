import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type UpdateFacts, type UpdateState, decideUpdate } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { type Discovery, discoverTarget, fetchRemote, type Target } from './discover.js';
import { gatherFacts } from './gather-facts.js';
import { gitBusy } from './git-busy.js';
import { type GitRunner, git } from './git.js';
import { applyTarget, serviceCycle } from './apply-and-restart.js';
import { acquireUpdateLock } from './lock.js';
import { pruneBackups } from './prune-backups.js';
import { recordAttempt, recordFailure, recordRun } from './record-outcome.js';
import { rollback } from './rollback.js';
import { createSnapshot, type Snapshot, type SnapshotLayout } from './snapshot.js';
import { StateStore } from './state-store.js';
import { StepError } from './step-error.js';
import { runHook, type HookContext } from './hooks.js';
import { guardSignals } from './signal-guard.js';
import {
  type InProgressMarker,
  markerPath,
  removeMarker,
  settleMarker,
  startMarker,
  writeMarker,
} from './in-progress-marker.js';
import { recoverInterrupted } from './recover-interrupted.js';
import type { UpdateOutcome, UpdateRun } from './update-run.js';

export type { UpdateOutcome, UpdateRun } from './update-run.js';

/** `slipway update`: the update steps (step-error.ts) under a lock, rolled back byte for byte on any failure. */
export async function runUpdate(run: UpdateRun): Promise<UpdateOutcome> {
  const runner: GitRunner = { root: run.root, env: run.env };
  const gitDir = await git(runner, ['rev-parse', '--absolute-git-dir']);
  if (gitDir.code !== 0)
    throw new UserError(`${run.root} is not a git checkout; run slipway update in the bot's repository`);
  const lock = acquireUpdateLock(
    join(gitDir.stdout.trim(), 'slipway-update.lock'),
    `slipway update --profile ${run.profile}`,
  );
  try {
    return await lockedUpdate(run, runner, gitDir.stdout.trim());
  } finally {
    lock.release();
  }
}

const label = (t: { version: string | null; commit: string }) => t.version ?? t.commit.slice(0, 12);

async function lockedUpdate(run: UpdateRun, runner: GitRunner, gitDir: string): Promise<UpdateOutcome> {
  const prefix = `slipway update [${run.profile}]`;
  const busy =
    run.config.enabled || run.dryRun || existsSync(markerPath(gitDir))
      ? gitBusy(run.root, gitDir)
      : undefined;
  if (busy !== undefined) {
    // A skip, not a failure: nothing was touched, and the lock's owner is not the release's fault.
    if (!run.dryRun) {
      const store = new StateStore(run.root, run.config.persistence_dir, run.profile);
      recordRun(store, store.readState(run.now()), run.now(), { result: 'skipped', message: busy });
    }
    return { exitCode: 1, line: `${prefix}: not updating: ${busy}` };
  }
  const recovery = await recoverInterrupted(run, runner, gitDir);
  if (recovery?.stop) return recovery.stop;
  const outcome = await decideAndApply(run, runner, gitDir);
  if (!recovery?.note) return outcome;
  const rest = outcome.line.startsWith(`${prefix}: `) ? outcome.line.slice(prefix.length + 2) : outcome.line;
  return { exitCode: outcome.exitCode, line: `${prefix}: ${recovery.note}; then ${rest}` };
}

async function decideAndApply(run: UpdateRun, runner: GitRunner, gitDir: string): Promise<UpdateOutcome> {
  const { config, profile } = run;
  const store = new StateStore(run.root, config.persistence_dir, profile);
  let state = store.readState(run.now());
  const versionFile = store.readVersion();
  const headRev = await git(runner, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (headRev.code !== 0)
    throw new UserError(
      `${run.root} has no commit checked out; clone the bot's repository and check out a release first`,
    );
  const head = headRev.stdout.trim();
  const prefix = `slipway update [${profile}]`;
  const fail = (err: StepError, target?: string, forceOpen = false): UpdateOutcome => {
    if (!run.dryRun)
      state = recordFailure(store, state, config, run.now(), {
        step: err.step,
        message: err.message,
        target,
        forceOpen,
      });
    const circuit = state.circuit.open
      ? '; the circuit is open: `slipway update reset --reason ...` re-enables updates'
      : '';
    return { exitCode: 1, line: `${prefix}: failed at ${err.step}: ${err.message}${circuit}` };
  };

  if (!config.enabled && !run.dryRun) {
    // Switched off on purpose: not a failure, and no reason to contact the remote at all.
    return {
      exitCode: 0,
      line: `${prefix}: auto-update is disabled (enabled = false or BOT_AUTO_UPDATE=0); nothing done`,
    };
  }
  let discovery: Discovery;
  let facts: UpdateFacts;
  try {
    await fetchRemote(runner, config);
    discovery = await discoverTarget(runner, config);
    facts = await gatherFacts({ runner, config, profile, head, versionFile, discovery });
  } catch (err) {
    // Nothing has been touched yet: record the failure, leave the service running.
    if (err instanceof StepError) return fail(err);
    throw err;
  }
  for (const tag of discovery.ignoredTags)
    run.log(`${prefix}: ignoring tag ${tag}: not a vX.Y.Z release tag`);
  for (const tag of discovery.offChannelTags ?? [])
    run.log(`${prefix}: ignoring tag ${tag}: not on ${config.remote}/${config.channel}`);
  const decision = decideUpdate(config, state, facts, run.now());
  const target = discovery.target;

  if (decision.upToDate) {
    // Applied with auto_restart = false and not restarted since: the old code still runs.
    const pending = versionFile?.restart_pending === true && versionFile.commit === head;
    const newer = decision.note ? ` (${decision.note})` : '';
    const message = `up to date at ${label(facts.current)}${newer}${pending ? '; restart pending (auto_restart = false)' : ''}`;
    if (!run.dryRun)
      state = recordRun(store, state, run.now(), {
        result: 'up-to-date',
        message,
        target: label(facts.current),
      });
    return { exitCode: 0, line: `${prefix}: ${message}` };
  }
  if (!decision.update || !target) {
    const message = decision.reasons.map((r) => r.message).join('; ');
    if (decision.reasons.some((r) => r.countsAsFailure))
      return fail(new StepError('verify', message), target?.version ?? undefined);
    if (!run.dryRun)
      state = recordRun(store, state, run.now(), {
        result: 'skipped',
        message,
        target: target ? label(target) : undefined,
      });
    return { exitCode: 1, line: `${prefix}: not updating: ${message}` };
  }
  const from = label(facts.current);
  const to = label(target);
  if (run.dryRun) {
    // The diff is information only: a failure to produce it must not fail the dry run.
    const stat = await git(runner, ['diff', '--stat', '--no-ext-diff', '--no-textconv', head, target.commit]);
    for (const l of stat.stdout.split('\n').filter(Boolean)) run.log(`  ${l}`);
    return {
      exitCode: 0,
      line: `${prefix}: would update ${from} -> ${to} (${target.commit.slice(0, 12)}); dry run, nothing changed`,
    };
  }
  state = recordAttempt(store, state, run.now());
  return applyUpdate(run, runner, store, state, {
    gitDir,
    head,
    from,
    fromVersion: facts.current.version,
    to,
    target,
    fail,
  });
}

interface Plan {
  gitDir: string;
  head: string;
  from: string;
  fromVersion: string | null;
  to: string;
  target: Target;
  fail: (err: StepError, target?: string, forceOpen?: boolean) => UpdateOutcome;
}

async function applyUpdate(
  run: UpdateRun,
  runner: GitRunner,
  store: StateStore,
  state: UpdateState,
  plan: Plan,
) {
  const { config, profile } = run;
  const prefix = `slipway update [${profile}]`;
  const layout: SnapshotLayout = {
    root: run.root,
    keep: ['.git', config.backup_dir, config.persistence_dir],
    backupDir: config.backup_dir,
    persistenceDir: config.persistence_dir,
    profile,
  };
  const hooks: HookContext = { root: run.root, env: run.env, config, profile, from: plan.from, to: plan.to };
  const branch = await git(runner, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  let snap: Snapshot;
  let marker: InProgressMarker;
  try {
    await runHook(hooks, 'snapshot', config.save_command);
    snap = await createSnapshot(
      layout,
      run.env,
      run.now(),
      plan.head,
      branch.code === 0 ? branch.stdout.trim() : null,
    );
    marker = startMarker(plan.gitDir, {
      root: run.root,
      profile: run.profile,
      startedAt: run.now(),
      from: { label: plan.from, version: plan.fromVersion, commit: plan.head, branch: snap.branch },
      to: { label: plan.to, version: plan.target.version, commit: plan.target.commit },
      versionPath: store.versionPath,
      snap,
    });
  } catch (err) {
    if (err instanceof StepError) return plan.fail(err, plan.to);
    throw err;
  }
  const service = { touched: false };
  let health = '';
  const guard = guardSignals();
  // The marker follows the steps, so that a recovery after a hard kill knows what to undo.
  const advance = (step: InProgressMarker['step']) => {
    const touched = marker.service_touched || ['quiesce', 'restart', 'resume', 'health'].includes(step);
    marker = { ...marker, step, service_touched: touched };
    writeMarker(plan.gitDir, marker);
  };
  try {
    await applyTarget(runner, config, plan.target, snap.branch);
    guard.checkpoint('apply');
    advance('test');
    await runHook(hooks, 'test', config.test_command);
    guard.checkpoint('test');
    if (config.auto_restart) health = await serviceCycle(hooks, service, advance);
    advance('report');
  } catch (caught) {
    // Whatever went wrong, and however, the old installation goes back.
    const err =
      caught instanceof StepError
        ? caught
        : new StepError('apply', `unexpected error: ${(caught as Error)?.message ?? String(caught)}`);
    const restored = await rollback({ run, runner, layout, snap, hooks, serviceTouched: service.touched });
    settleMarker(plan.gitDir, marker, restored.ok);
    const failure = new StepError(err.step, `${err.message}; ${restored.message}`);
    run.log(`${prefix}: ${restored.message}`);
    return plan.fail(failure, plan.to, !restored.ok);
  } finally {
    guard.release();
  }
  const now = run.now();
  const pending = !config.auto_restart;
  try {
    const outcome = report(run, store, state, plan, now, pending, health);
    removeMarker(plan.gitDir);
    return outcome;
  } catch (err) {
    // The new version runs, but nothing says so: the marker stays, and the next run puts back
    // what the records describe rather than trust an installation they do not.
    const line = `${prefix}: updated ${plan.from} -> ${plan.to} but could not record it: ${(err as Error).message}; the next run restores ${plan.from} from ${marker.backup.dir}`;
    return { exitCode: 1 as const, line };
  }
}

function report(
  run: UpdateRun,
  store: StateStore,
  state: UpdateState,
  plan: Plan,
  now: Date,
  pending: boolean,
  health: string,
) {
  const { config } = run;
  const prefix = `slipway update [${run.profile}]`;
  store.writeVersion({
    version: plan.target.version,
    commit: plan.target.commit,
    applied_at: now.toISOString(),
    restart_pending: pending,
    previous: { version: plan.fromVersion, commit: plan.head },
  });
  const message = pending
    ? `applied ${plan.from} -> ${plan.to}; restart pending (auto_restart = false)`
    : `updated ${plan.from} -> ${plan.to} (${plan.target.commit.slice(0, 12)})${health}`;
  recordRun(store, state, now, {
    result: pending ? 'restart-pending' : 'updated',
    message,
    target: plan.to,
    from: plan.from,
  });
  const notPruned = pruneBackups(run.root, config.backup_dir, config.keep_backups);
  return { exitCode: 0 as const, line: `${prefix}: ${message}${notPruned ? `; ${notPruned}` : ''}` };
}
