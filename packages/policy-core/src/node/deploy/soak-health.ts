import { type Precondition, resolveEnvironment } from '../../index.js';
import { healthAll } from './deploy-step.js';
import type { OperationContext } from './operation.js';

/**
 * The soak's health: when it is over, staging's health checks run once more, so a SHA whose
 * staging went unhealthy while it soaked is refused at the end of the soak instead of shipped.
 * A dry run contacts nothing and says when they will run, unless `probe` (the gate: its answer
 * is a decision, not a preview). Undefined when staging has no checks.
 */
export async function soakHealthCheck(
  ctx: OperationContext,
  staging: string,
  probe = false,
): Promise<Precondition | undefined> {
  const env = resolveEnvironment(ctx.doc, staging, ctx.env);
  if (env.health.length === 0) return undefined;
  const name = 'soak health';
  if (ctx.dryRun && !probe)
    return {
      name,
      ok: true,
      detail: `${staging}'s health checks run when the promote does (a dry run contacts nothing)`,
    };
  const scope = ctx.openStop();
  try {
    const results = await healthAll(env, scope.stop);
    const failed = results.filter((r) => !r.ok);
    return failed.length === 0
      ? { name, ok: true, detail: `${staging}'s health checks pass at the end of the soak` }
      : {
          name,
          ok: false,
          detail: `${staging}'s health checks fail at the end of the soak: ${failed.map((r) => `${r.url}: ${r.detail}`).join('; ')}; find out why before promoting`,
        };
  } finally {
    scope.close();
  }
}
