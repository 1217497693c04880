import { useTzClock } from '../tz-clock.js';
import {
  type BreakGlass,
  backedOutOf,
  deployableChecks,
  type GuardResult,
  type Precondition,
  pinCheck,
  type ResolvedEnvironment,
  releaseTagCheck,
  requiredBranch,
  requiredStaging,
  latestStagingEntry,
  soakCheck,
  stagingCheck,
  type WindowCheck,
  windowCheck,
} from '../../index.js';
import { entryProvenance } from './entry-provenance.js';
import { soakHealthCheck } from './soak-health.js';
import { runGit } from '../git/run-git.js';
import { unstartableReason } from './command-lookup.js';
import type { DeployState } from './deploy-state.js';
import { ancestry, releaseTags } from './git-ops.js';
import type { OperationContext } from './operation.js';

/** The guard's verdict on a SHA's tree: ok, a few lines for the plan, and the full result. */
export interface GuardVerdict {
  ok: boolean;
  lines: string[];
  result?: GuardResult;
}

/** The guard on a SHA's tree (see guardOnSha: read from git, no checkout unless a step needs one). */
export type GuardFn = (sha: string) => Promise<GuardVerdict>;

export interface PromoteChecksInput {
  sha: string;
  skipStaging: boolean;
  guard?: GuardFn;
  breakGlass?: BreakGlass;
  /** Contact staging's health at the end of the soak even in a dry run (the gate's judgement). */
  probeHealth?: boolean;
  /**
   * The production branch's head as the deploy settings were just read from it (its ref and
   * commit): a SHA that is that head is on that branch, with no git process to say so.
   */
  productionHead?: { ref: string; sha: string };
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
async function onBranchCheck(
  root: string,
  sha: string,
  branch: string,
  head: PromoteChecksInput['productionHead'],
): Promise<Precondition> {
  let checked = branch;
  let answer: 'yes' | 'no' | 'missing';
  // The settings' ref is the first of the two below that names a commit: the same answer.
  if (head?.sha === sha && head.ref === `refs/heads/${branch}`) answer = 'yes';
  else if (head?.sha === sha && head.ref === `refs/remotes/origin/${branch}`) {
    checked = `origin/${branch}`;
    answer = 'yes';
  } else {
    answer = await ancestry(root, sha, `refs/heads/${branch}`);
    if (answer === 'missing') {
      checked = `origin/${branch}`;
      answer = await ancestry(root, sha, `refs/remotes/origin/${branch}`);
    }
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

/**
 * Whether promotes to `env` run the deploy guard: every environment's do (a DROP TABLE reaches
 * staging's database too), unless the policy says `guard: false` for one other than production.
 */
export function guarded(env: ResolvedEnvironment): boolean {
  return env.isProduction || env.config.guard !== false;
}

/** Why a promote to an unguarded environment ran no guard: its plan's guard line, and (prefixed) its audit entry. */
export function guardSkipped(env: ResolvedEnvironment): string {
  return `skipped: deploy.environments.${env.name}.guard is false`;
}

/**
 * Everything a promote must satisfy before it may deploy; all are evaluated so the plan shows
 * every gap. The git questions and the guard (the tree read from git, a full check) need only the SHA, so
 * they start here, at once and together, and run while the caller reads the deploy record and
 * the audit log (the other half of a promote's own time); the returned function adds the checks
 * that read those and gives every line in its fixed order.
 */
export function startPromoteChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  input: PromoteChecksInput,
): (state: DeployState) => Promise<PromoteChecks> {
  const { sha } = input;
  const branch = requiredBranch(ctx.doc, env);
  const tagPattern = env.isProduction ? ctx.doc.policy.deploy?.release_tag : undefined;
  const guardFn = guarded(env) ? input.guard : undefined;
  const onBranch = branch ? started(onBranchCheck(ctx.root, sha, branch, input.productionHead)) : undefined;
  const tags = tagPattern ? started(releaseTags(ctx.root, sha, tagPattern)) : undefined;
  const guard = guardFn ? started(guardFn(sha)) : undefined;
  // The clock is read once, when the promote starts: the plan and the log say the same. The
  // windows' zones are read through TZ (tz-clock.ts): Intl's first formatter alone costs more
  // than the windows' whole budget.
  useTzClock();
  const window = windowCheck(ctx.doc, env.name, ctx.now(), input.breakGlass);
  return (state) =>
    finishPromoteChecks(ctx, env, state, input, { onBranch, tags, guard, tagPattern, window });
}

/** Every precondition line in order, the guard's verdict, and the deploy windows' check. */
export interface PromoteChecks {
  checks: Precondition[];
  guard?: GuardVerdict;
  window?: WindowCheck;
}

interface Started {
  onBranch?: () => Promise<Precondition>;
  tags?: () => Promise<string[]>;
  guard?: () => Promise<GuardVerdict>;
  tagPattern?: string;
  window: WindowCheck | undefined;
}

async function finishPromoteChecks(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
  input: PromoteChecksInput,
  { onBranch, tags, guard, tagPattern, window }: Started,
): Promise<PromoteChecks> {
  const { sha } = input;
  const out: Precondition[] = [];
  // Asked now (it needs the record, read just before), answered while the other checks run.
  const contains = env.isProduction ? started(containsProductionCheck(ctx.root, state, sha)) : undefined;
  if (env.isProduction) out.push(pinCheck(state));
  if (window) out.push(window.check);
  if (onBranch) out.push(await onBranch());
  const staging = requiredStaging(ctx.doc, env);
  const backedOut = env.isProduction && state.record ? backedOutOf(state.record, sha) : undefined;
  if (staging) {
    // Only a verification Slipway's own flow wrote counts: who wrote the line is asked of git.
    const entry = latestStagingEntry(state, staging, sha);
    const provenance =
      entry?.event.outcome === 'succeeded'
        ? await entryProvenance(ctx.root, ctx.doc, state.deploy, entry)
        : undefined;
    out.push(stagingCheck(state, staging, sha, input.skipStaging, backedOut, provenance));
    // A verification that does not count (written by hand, by an agent) has no soak to judge.
    const soak =
      input.skipStaging || provenance?.trusted === false
        ? undefined
        : soakCheck(state, env, staging, sha, ctx.now());
    if (soak) out.push(soak.check);
    const health = soak?.over ? await soakHealthCheck(ctx, staging, input.probeHealth === true) : undefined;
    if (health) out.push(health);
  }
  if (contains) {
    const c = await contains();
    if (c) out.push(c);
  }
  const program = env.config.deploy?.[0];
  const unstartable = program === undefined ? undefined : unstartableReason(program, ctx.root, ctx.env.PATH);
  for (const c of deployableChecks(ctx.doc, env, state, unstartable)) out.push(c);
  if (tags) {
    out.push(releaseTagCheck(await tags(), tagPattern as string, sha));
  }
  let verdict: GuardVerdict | undefined;
  if (!guarded(env)) {
    out.push({ name: 'guard', ok: true, detail: guardSkipped(env) });
  } else {
    if (!guard) {
      out.push({ name: 'guard', ok: false, detail: 'the guard is not available in this build' });
    } else {
      verdict = await guard();
      out.push({
        name: 'guard',
        ok: verdict.ok,
        // Its lines end with what it judged (and, failing, start with what it found). A finding's
        // message ends its sentence; joined, the period gives way to the separator.
        detail: (verdict.ok ? ['passes on this tree', ...verdict.lines] : verdict.lines)
          .map((line, i, all) => (i < all.length - 1 ? line.replace(/\.$/, '') : line))
          .join('; '),
      });
    }
  }
  return { checks: out, ...(verdict ? { guard: verdict } : {}), ...(window ? { window } : {}) };
}
