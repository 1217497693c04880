import { unstartableReason } from './command-lookup.js';
import type { DeployState } from './deploy-state.js';
import { type ResolvedEnvironment, where } from './environment.js';
import { runGit } from '@slipway/policy-core/node';
import { ancestry, releaseTags } from './git-ops.js';
import type { OperationContext } from './operation.js';
import { lostPinLine, productionPin } from './pin-state.js';
import { type BackedOut, backedOutOf } from './record-update.js';

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

/**
 * Whether `sha` is on `branch`, as a precondition line. A CI checkout often has only the
 * remote-tracking branch (origin/main) and no local one: that answers the question as well.
 */
async function onBranchCheck(root: string, sha: string, branch: string): Promise<Precondition> {
  let checked = branch;
  let answer = await ancestry(root, sha, `refs/heads/${branch}`);
  if (answer === 'missing') {
    checked = `origin/${branch}`;
    answer = await ancestry(root, sha, `refs/remotes/origin/${branch}`);
  }
  if (answer === 'missing')
    return {
      name: 'on branch',
      ok: false,
      detail: `neither ${branch} nor origin/${branch} exists here; fetch it (git fetch origin ${branch})`,
    };
  return answer === 'yes'
    ? { name: 'on branch', ok: true, detail: `${sha.slice(0, 12)} is on ${checked}` }
    : {
        name: 'on branch',
        ok: false,
        detail: `${sha.slice(0, 12)} is not on ${checked}; merge it there first`,
      };
}

/**
 * The latest staging outcome for `sha` decides: a verification that later failed on the same
 * SHA (a flaky dependency, a data problem) no longer vouches for it. Refused attempts deployed
 * nothing and do not count; one that started and never ended left staging in an unknown state.
 */
function stagingCheck(
  state: DeployState,
  staging: string,
  sha: string,
  skip: boolean,
  backedOut?: BackedOut,
): Precondition {
  const name = 'verified on staging';
  let latest: { outcome: string; time: string } | undefined;
  for (let i = state.log.entries.length - 1; i >= 0 && !latest; i--) {
    const e = state.log.entries[i]?.event;
    if (
      e?.event === 'STAGING_VERIFIED' &&
      e.environment === staging &&
      e.to === sha &&
      e.outcome !== 'refused'
    )
      latest = e;
  }
  if (latest?.outcome !== 'succeeded' && skip) return { name, ok: true, detail: 'skipped (--skip-staging)' };
  const again = `run \`slipway promote ${sha.slice(0, 12)} --env ${staging}\``;
  if (!latest)
    return {
      name,
      ok: false,
      detail: `${sha.slice(0, 12)} was never verified on ${staging}; ${again} first`,
    };
  // A SHA production was rolled back from passed staging once and then failed in production: the
  // plan says so, so that a person re-promoting it after `unpin` sees that the verification it
  // leans on predates the rollback (verify it again if the cause was in the code).
  if (latest.outcome === 'succeeded' && backedOut && !(Date.parse(latest.time) > Date.parse(backedOut.at)))
    return {
      name,
      ok: true,
      detail: `${staging} verified ${sha.slice(0, 12)} at ${latest.time}, BEFORE production was rolled back from it at ${backedOut.at}${backedOut.reason ? ` (${backedOut.reason})` : ''}; if the cause was in the code, ${again} again first`,
    };
  if (latest.outcome === 'succeeded')
    return { name, ok: true, detail: `${staging} verified ${sha.slice(0, 12)}` };
  return {
    name,
    ok: false,
    detail:
      latest.outcome === 'failed'
        ? `the latest ${staging} verification of ${sha.slice(0, 12)} failed (${latest.time}); fix it and ${again} again`
        : `the latest ${staging} verification of ${sha.slice(0, 12)} never finished (${latest.time}); ${again} again`,
  };
}

/**
 * The first line that should have been an event and is not (AUD001). A blank line is not one:
 * it holds nothing to account for (AUD004 reports it, as a warning), and appends go past it.
 */
function firstMalformedEvent(state: DeployState) {
  const malformed = state.log.issues.filter((i) => i.kind === 'malformed');
  if (malformed.length === 0) return undefined;
  const lines = state.logText.split('\n');
  return malformed.find((i) => (lines[i.line] ?? '').trim() !== '');
}

/**
 * A promote moves production forward: the SHA must contain what production runs now. Two agent
 * branches verified in parallel are the usual way to miss this: the second, merged after the
 * first was promoted, does not contain it, and promoting it would silently take the first
 * release back out of production. Going back on purpose is a rollback.
 */
async function containsProductionCheck(
  root: string,
  state: DeployState,
  sha: string,
): Promise<Precondition | undefined> {
  const current = state.record?.last_good_sha;
  if (!current || current === sha) return undefined;
  const name = 'contains production';
  const answer = await ancestry(root, current, sha);
  // The record names a commit this clone lacks: REC004 says so; nothing to compare here.
  if (answer === 'missing')
    return {
      name,
      ok: true,
      detail: `cannot tell: ${current.slice(0, 12)} (production) is not a commit here`,
    };
  if (answer === 'yes')
    return {
      name,
      ok: true,
      detail: `${sha.slice(0, 12)} contains ${current.slice(0, 12)}, which production runs`,
    };
  const r = await runGit(root, ['rev-list', '--count', `${sha}..${current}`], { okCodes: [128] });
  const n = Number(r.stdout.toString('utf8').trim()) || 0;
  return {
    name,
    ok: false,
    detail: `${sha.slice(0, 12)} does not contain ${current.slice(0, 12)}, which production runs: promoting it would take ${n} commit${n === 1 ? '' : 's'} back out of production; rebase it onto the production branch, verify that on staging, and promote it (to go back on purpose: slipway rollback --to)`,
  };
}

/** What would stop the deploy before it starts, checked now (and shown by a dry run). */
function deployableChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
): Precondition[] {
  const out: Precondition[] = [];
  const at = (key: string) => where(ctx.doc, ['deploy', 'environments', env.name, key]);
  const program = env.config.deploy?.[0];
  if (program !== undefined) {
    const why = unstartableReason(program, ctx.root, ctx.env.PATH);
    out.push(
      why
        ? {
            name: 'deploy command',
            ok: false,
            detail: `${at('deploy')}: ${why}; fix deploy: before promoting`,
          }
        : { name: 'deploy command', ok: true, detail: program },
    );
  }
  // Production's smoke checks are what an automatic rollback hangs on; elsewhere a deploy
  // command that succeeds may be the verification, but with neither nothing is verified at all.
  if (env.health.length === 0 && (env.isProduction || program === undefined))
    out.push({
      name: 'health checks',
      ok: false,
      detail: `${at('health')}: ${env.name} has no health checks, so nothing would ${env.isProduction ? 'smoke-test production after the deploy' : 'verify anything'}; add health: paths`,
    });
  // A torn or malformed line is what an interrupted write leaves: a person looks before more
  // is stacked on it (rollback and unpin only warn: a correction must not wait on the log).
  const malformed = firstMalformedEvent(state);
  if (malformed)
    out.push({
      name: 'audit log',
      ok: false,
      detail: `${state.deploy.audit_log}:${malformed.line + 1}: AUD001 ${malformed.message}; look at it, then delete the line (the chain skips it, so deleting it breaks nothing)`,
    });
  return out;
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
  // Asked now, answered while the other checks run.
  const contains = env.isProduction ? started(containsProductionCheck(ctx.root, state, sha)) : undefined;
  const staging = requiredStaging(ctx, env);
  const backedOut = env.isProduction && state.record ? backedOutOf(state.record, sha) : undefined;
  if (staging) out.push(stagingCheck(state, staging, sha, input.skipStaging, backedOut));
  if (contains) {
    const c = await contains();
    if (c) out.push(c);
  }
  for (const c of deployableChecks(ctx, env, state)) out.push(c);
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
