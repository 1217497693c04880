import { waitHealthy } from './health-check.js';
import { type GitRunner, git } from './git.js';
import { type HookContext, runHook } from './hooks.js';
import { describeFailure } from './run-process.js';
import type { UpdateRun } from './update-run.js';
import { type Snapshot, type SnapshotLayout, restoreSnapshot } from './snapshot.js';
import { StepError } from './step-error.js';

export interface RollbackInput {
  run: UpdateRun;
  runner: GitRunner;
  layout: SnapshotLayout;
  snap: Snapshot;
  hooks: HookContext;
  /** The service was quiesced or restarted: bring it back on the old code. */
  serviceTouched: boolean;
}

/**
 * Puts the previous installation back: HEAD as it was (branch or detached), the code tree and,
 * when the service was touched, the persistence directory byte for byte from the snapshot; then
 * restarts and resumes the old version. Before the service is touched the running bot still owns
 * its persistence directory, so it is left alone then.
 */
export async function rollback(input: RollbackInput): Promise<{ ok: boolean; message: string }> {
  const { runner, layout, snap, hooks } = input;
  const where = snap.dir.slice(layout.root.length + 1);
  try {
    const checkout = snap.branch
      ? ['checkout', '--quiet', '--force', '-B', snap.branch, snap.head]
      : ['checkout', '--quiet', '--force', '--detach', snap.head];
    const r = await git(runner, checkout);
    if (r.code !== 0) throw new Error(describeFailure(['git', ...checkout], r));
    await restoreSnapshot(layout, snap, input.run.env, input.serviceTouched);
    await git(runner, ['update-index', '-q', '--refresh']);
  } catch (err) {
    return {
      ok: false,
      message: `ROLLBACK FAILED (${(err as Error).message}); restore by hand from ${where}`,
    };
  }
  if (!input.serviceTouched)
    return { ok: true, message: `restored ${hooks.from} from ${where}; the service was not touched` };
  const problems: string[] = [];
  for (const [step, argv] of [
    ['restart', hooks.config.restart_command],
    ['resume', hooks.config.resume_command],
  ] as const) {
    try {
      await runHook(hooks, step, argv, true);
    } catch (err) {
      problems.push(err instanceof StepError ? err.message : String(err));
    }
  }
  if (problems.length)
    return {
      ok: false,
      message: `restored ${hooks.from} from ${where} but could not bring it back up: ${problems.join('; ')}`,
    };
  if (hooks.config.health_url) {
    const h = await waitHealthy(hooks.config.health_url, hooks.config.health_timeout_seconds);
    if (!h.ok)
      return {
        ok: false,
        message: `restored and restarted ${hooks.from} from ${where}, but it is not healthy either (last: ${h.last})`,
      };
  }
  return { ok: true, message: `restored and restarted ${hooks.from} from ${where}` };
}
