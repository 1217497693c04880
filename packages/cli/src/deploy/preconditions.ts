import type { DeployState } from './deploy-state.js';
import type { ResolvedEnvironment } from './environment.js';
import { isAncestor, releaseTags, resolveCommit } from './git-ops.js';
import type { OperationContext } from './operation.js';

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

/** Everything a promote must satisfy before it may deploy; all are evaluated so the plan shows every gap. */
export async function promoteChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
  input: PromoteChecksInput,
): Promise<Precondition[]> {
  const { sha } = input;
  const out: Precondition[] = [];
  if (env.isProduction) {
    const r = state.record;
    out.push(
      r?.pinned
        ? {
            name: 'not pinned',
            ok: false,
            detail: `production is pinned to ${r.last_good_sha.slice(0, 12)} by a rollback (${r.pinned_reason ?? 'no reason'}); a human must run \`slipway unpin --reason\` first`,
          }
        : { name: 'not pinned', ok: true, detail: 'production is not pinned' },
    );
  }
  const branch = requiredBranch(ctx, env);
  if (branch) {
    let ok = false;
    let detail: string;
    try {
      const tip = await resolveCommit(ctx.root, branch);
      ok = await isAncestor(ctx.root, sha, tip);
      detail = ok
        ? `${sha.slice(0, 12)} is on ${branch}`
        : `${sha.slice(0, 12)} is not on ${branch}; merge it there first`;
    } catch {
      detail = `branch ${branch} does not exist here; fetch it`;
    }
    out.push({ name: 'on branch', ok, detail });
  }
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
  const tagPattern = ctx.doc.policy.deploy?.release_tag;
  if (env.isProduction && tagPattern) {
    const tags = await releaseTags(ctx.root, sha, tagPattern);
    out.push(
      tags.length > 0
        ? { name: 'release tag', ok: true, detail: `tagged ${tags.join(', ')}` }
        : {
            name: 'release tag',
            ok: false,
            detail: `no tag matching ${tagPattern} points at ${sha.slice(0, 12)}; tag the release`,
          },
    );
  }
  if (env.isProduction) {
    if (!input.guard) {
      out.push({ name: 'guard', ok: false, detail: 'the guard is not available in this build' });
    } else {
      const g = await input.guard(sha);
      out.push({ name: 'guard', ok: g.ok, detail: g.ok ? 'passes on this tree' : g.lines.join('; ') });
    }
  }
  return out;
}
