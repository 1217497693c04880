import type { DeployState } from './deploy-state.js';
import type { ResolvedEnvironment } from './environment.js';
import { ancestry, releaseTags } from './git-ops.js';
import type { OperationContext } from './operation.js';
import { lostPinLine, productionPin } from './pin-state.js';

export interface Precondition {
  name: string;
  ok: boolean;
  detail: string;
}

/** The guard on a SHA's tree; the CLI passes one that runs `slipway guard` in a worktree of it. */
export type GuardFn = (sha: string) => Promise<{ ok: boolean; lines: string[] }>;

export interface PromoteChecksInput {
  sha: string;
  skipStaging: boolean;
  guard?: GuardFn;
}

/** Where the SHA must come from: the environment's branch, production's defaulting to production_branch. */
export function requiredBranch(ctx: OperationContext, env: ResolvedEnvironment): string | undefined {
  return env.config.branch ?? (env.isProduction ? ctx.doc.policy.production_branch : undefined);
}

export function requiredStaging(ctx: OperationContext, env: ResolvedEnvironment): string | undefined {
  if (env.config.require_staging) return env.config.require_staging;
  const envs = ctx.doc.policy.deploy?.environments ?? {};
  return env.isProduction && envs.staging && env.name !== 'staging' ? 'staging' : undefined;
}

/**
 * A promise started now and awaited later: its rejection is held (not reported as unhandled
 * while other checks are awaited) and rethrown where the result is used.
 */
function started<T>(promise: Promise<T>): () => Promise<T> {
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const r = await settled;
    if (!r.ok) throw r.error;
    return r.value;
  };
}

/** Whether `sha` is on `branch`, as a precondition line. */
async function onBranchCheck(root: string, sha: string, branch: string): Promise<Precondition> {
  const answer = await ancestry(root, sha, branch);
  if (answer === 'missing')
    return { name: 'on branch', ok: false, detail: `branch ${branch} does not exist here; fetch it` };
  return answer === 'yes'
    ? { name: 'on branch', ok: true, detail: `${sha.slice(0, 12)} is on ${branch}` }
    : {
        name: 'on branch',
        ok: false,
        detail: `${sha.slice(0, 12)} is not on ${branch}; merge it there first`,
      };
}

/**
 * Everything a promote must satisfy before it may deploy; all are evaluated so the plan shows
 * every gap. The git questions and the guard (a worktree and a full check) need only the SHA, so
 * they start here, at once and together, and run while the caller reads the deploy record and
 * the audit log (the other half of a promote's own time); the returned function adds the checks
 * that read those and gives every line in its fixed order.
 */
export function startPromoteChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  input: PromoteChecksInput,
): (state: DeployState) => Promise<Precondition[]> {
  const { sha } = input;
  const branch = requiredBranch(ctx, env);
  const tagPattern = env.isProduction ? ctx.doc.policy.deploy?.release_tag : undefined;
  const guardFn = env.isProduction ? input.guard : undefined;
  const onBranch = branch ? started(onBranchCheck(ctx.root, sha, branch)) : undefined;
  const tags = tagPattern ? started(releaseTags(ctx.root, sha, tagPattern)) : undefined;
  const guard = guardFn ? started(guardFn(sha)) : undefined;
  return (state) => finishPromoteChecks(ctx, env, state, input, { onBranch, tags, guard, tagPattern });
}

interface Started {
  onBranch?: () => Promise<Precondition>;
  tags?: () => Promise<string[]>;
  guard?: () => Promise<{ ok: boolean; lines: string[] }>;
  tagPattern?: string;
}

async function finishPromoteChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
  input: PromoteChecksInput,
  { onBranch, tags, guard, tagPattern }: Started,
): Promise<Precondition[]> {
  const { sha } = input;
  const out: Precondition[] = [];
  if (env.isProduction) {
    const pin = productionPin(state);
    out.push(
      !pin
        ? { name: 'not pinned', ok: true, detail: 'production is not pinned' }
        : {
            name: 'not pinned',
            ok: false,
            detail:
              pin.source === 'log'
                ? lostPinLine(state, pin)
                : `production is pinned to ${pin.sha.slice(0, 12)} by a rollback (${pin.reason ?? 'no reason'}); a human must run \`slipway unpin --reason\` first`,
          },
    );
  }
  if (onBranch) out.push(await onBranch());
  const staging = requiredStaging(ctx, env);
  if (staging) {
    const verified = state.log.entries.some(
      (e) =>
        e.event.event === 'STAGING_VERIFIED' &&
        e.event.environment === staging &&
        e.event.to === sha &&
        e.event.outcome === 'succeeded',
    );
    out.push(
      verified
        ? { name: 'verified on staging', ok: true, detail: `${staging} verified ${sha.slice(0, 12)}` }
        : input.skipStaging
          ? { name: 'verified on staging', ok: true, detail: `skipped (--skip-staging)` }
          : {
              name: 'verified on staging',
              ok: false,
              detail: `${sha.slice(0, 12)} was never verified on ${staging}; run \`slipway promote ${sha.slice(0, 12)} --env ${staging}\` first`,
            },
    );
  }
  if (tags) {
    const found = await tags();
    out.push(
      found.length > 0
        ? { name: 'release tag', ok: true, detail: `tagged ${found.join(', ')}` }
        : {
            name: 'release tag',
            ok: false,
            detail: `no tag matching ${tagPattern} points at ${sha.slice(0, 12)}; tag the release`,
          },
    );
  }
  if (env.isProduction) {
    if (!guard) {
      out.push({ name: 'guard', ok: false, detail: 'the guard is not available in this build' });
    } else {
      const g = await guard();
      out.push({ name: 'guard', ok: g.ok, detail: g.ok ? 'passes on this tree' : g.lines.join('; ') });
    }
  }
  return out;
}
