import type { AuditEntry } from '../audit-chain.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { DeployFiles } from './deploy-files.js';
import { firstMalformedEvent } from './deploy-files.js';
import { type ResolvedEnvironment, where } from './environment.js';
import { lostPinLine, productionPin } from './pin-state.js';
import type { BackedOut } from './record-update.js';
import { RULE_IDS } from '../../rule-ids.generated.js';

/** One line of a promote's plan: a condition it must meet and whether it does. */
export interface Precondition {
  name: string;
  ok: boolean;
  detail: string;
}

/** Where the SHA must come from: the environment's branch, production's defaulting to production_branch. */
export function requiredBranch(doc: PolicyDocument, env: ResolvedEnvironment): string | undefined {
  return env.config.branch ?? (env.isProduction ? doc.policy.production_branch : undefined);
}

/** The environment whose verification production needs (staging, when the policy has one). */
export function requiredStaging(
  doc: PolicyDocument,
  env: Pick<ResolvedEnvironment, 'name' | 'config' | 'isProduction'>,
): string | undefined {
  if (env.config.require_staging) return env.config.require_staging;
  const envs = doc.policy.deploy?.environments ?? {};
  return env.isProduction && envs.staging && env.name !== 'staging' ? 'staging' : undefined;
}

/**
 * Production's current SHA comes from the record; a staging environment's from its last
 * deploy or rollback that succeeded (a BREAK_GLASS line names the SHA it lets through, not one
 * that runs).
 */
export function currentSha(state: DeployFiles, env: ResolvedEnvironment): string | null {
  if (env.isProduction) return state.record?.last_good_sha ?? null;
  for (let i = state.log.entries.length - 1; i >= 0; i--) {
    const e = state.log.entries[i]?.event;
    if (e && e.environment === env.name && e.outcome === 'succeeded' && e.to && e.event !== 'BREAK_GLASS')
      return e.to;
  }
  return null;
}

/** Production must not be pinned: a rollback's pin is cleared only by a person (unpin). */
export function pinCheck(state: DeployFiles): Precondition {
  const pin = productionPin(state);
  if (!pin) return { name: 'not pinned', ok: true, detail: 'production is not pinned' };
  return {
    name: 'not pinned',
    ok: false,
    detail:
      pin.source === 'log'
        ? lostPinLine(state, pin)
        : `production is pinned to ${pin.sha.slice(0, 12)} by a rollback (${pin.reason ?? 'no reason'}); a human must run \`slipway unpin --reason\` first`,
  };
}

/**
 * The latest staging outcome for `sha` decides: a verification that later failed on the same
 * SHA (a flaky dependency, a data problem) no longer vouches for it. Refused attempts deployed
 * nothing and do not count; one that started and never ended left staging in an unknown state.
 */
export function latestStagingEntry(state: DeployFiles, staging: string, sha: string): AuditEntry | undefined {
  for (let i = state.log.entries.length - 1; i >= 0; i--) {
    const entry = state.log.entries[i];
    const e = entry?.event;
    if (
      e?.event === 'STAGING_VERIFIED' &&
      e.environment === staging &&
      e.to === sha &&
      e.outcome !== 'refused'
    )
      return entry;
  }
  return undefined;
}

/**
 * Whether `sha` was verified on `staging`, by its latest staging entry (latestStagingEntry).
 * `provenance` says who wrote a succeeded entry (the host asks git, node/deploy/entry-provenance.ts):
 * one that Slipway's own flow did not write verifies nothing.
 */
export function stagingCheck(
  state: DeployFiles,
  staging: string,
  sha: string,
  skip: boolean,
  backedOut?: BackedOut,
  provenance?: { trusted: true } | { trusted: false; why: string },
): Precondition {
  const name = 'verified on staging';
  const latest = latestStagingEntry(state, staging, sha)?.event;
  const again = `run \`slipway promote ${sha.slice(0, 12)} --env ${staging}\``;
  if (latest?.outcome === 'succeeded' && provenance && !provenance.trusted) {
    if (skip) return { name, ok: true, detail: `skipped (--skip-staging); ${provenance.why}` };
    return {
      name,
      ok: false,
      detail: `the ${staging} verification of ${sha.slice(0, 12)} was not written by Slipway's own flow: ${provenance.why}; ${again} (it verifies and logs), then promote`,
    };
  }
  if (latest?.outcome !== 'succeeded' && skip) return { name, ok: true, detail: 'skipped (--skip-staging)' };
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
 * What would stop the deploy before it starts besides git: the deploy command cannot start
 * (`unstartable` says why), no health checks, a torn audit line. Checked now, shown by a dry run.
 */
export function deployableChecks(
  doc: PolicyDocument,
  env: ResolvedEnvironment,
  state: DeployFiles,
  unstartable: string | undefined,
): Precondition[] {
  const out: Precondition[] = [];
  const at = (key: string) => where(doc, ['deploy', 'environments', env.name, key]);
  const program = env.config.deploy?.[0];
  if (program !== undefined) {
    out.push(
      unstartable
        ? {
            name: 'deploy command',
            ok: false,
            detail: `${at('deploy')}: ${unstartable}; fix deploy: before promoting`,
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
      detail: `${state.deploy.audit_log}:${malformed.line + 1}: ${RULE_IDS.malformedLine} ${malformed.message}; look at it, then delete the line (the chain skips it, so deleting it breaks nothing)`,
    });
  return out;
}

/** The release tag check: a tag matching deploy.release_tag must point at the SHA. */
export function releaseTagCheck(found: string[], pattern: string, sha: string): Precondition {
  return found.length > 0
    ? { name: 'release tag', ok: true, detail: `tagged ${found.join(', ')}` }
    : {
        name: 'release tag',
        ok: false,
        detail: `no tag matching ${pattern} points at ${sha.slice(0, 12)}; tag the release`,
      };
}
