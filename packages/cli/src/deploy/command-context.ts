import type { Actor } from '@slipway/policy-core';
import type { CommandContext } from '../command.js';
import { openPolicyContext } from '../repo-context.js';
import { parseDuration } from './duration.js';
import { gitUserName } from './git-ops.js';
import type { OperationContext } from './operation.js';

/** Flags every deploy command takes. */
export const DEPLOY_FLAGS = {
  repo: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  commit: { type: 'boolean', default: false },
} as const;

/** How promote, rollback and unpin take a human's approval. */
export const APPROVAL_FLAGS = {
  yes: { type: 'boolean', default: false },
  'approved-by': { type: 'string' },
  'approval-timeout': { type: 'string', default: '10m' },
} as const;

export const APPROVAL_TIMEOUT_USAGE = `  --approval-timeout DUR
                     how long the prompt waits for the short SHA (default 10m); the deploy
                     lock is held meanwhile, so an unanswered prompt ends as a refusal`;

/** The parsed approval flags, as the deploy operations take them. */
export function approvalOptions(values: {
  yes?: boolean;
  'approved-by'?: string;
  'approval-timeout'?: string;
}) {
  return {
    yes: values.yes === true,
    approvedBy: values['approved-by'],
    approvalTimeoutMs: parseDuration('approval-timeout', values['approval-timeout'] ?? '10m'),
  };
}

export const DEPLOY_FLAGS_USAGE = `  --dry-run          print the plan and change nothing
  --commit           commit the record and the audit log (with a Slipway-Event: trailer)
  --repo DIR         repository (default: the working directory)`;

/**
 * Who acts: CI when running in CI (named after the workflow's actor), else the git user. A dry
 * run writes nothing, so no name is ever recorded: it skips the git process that asks for one
 * (the kind, which decides what may be done, is still known).
 */
async function detectActor(
  root: string,
  env: Record<string, string | undefined>,
  dryRun: boolean,
): Promise<Actor> {
  if (env.CI === 'true' || env.GITHUB_ACTIONS === 'true') {
    return { name: env.GITHUB_ACTOR ? `${env.GITHUB_ACTOR} via CI` : 'ci', kind: 'ci' };
  }
  return {
    name: dryRun ? '(the git user; not asked in a dry run)' : await gitUserName(root, env),
    kind: 'human',
  };
}

export async function operationContext(
  ctx: CommandContext,
  flags: { repo?: string; 'dry-run'?: boolean; commit?: boolean },
): Promise<OperationContext> {
  // Who acts is a git question (user.name): asked while the policy is parsed.
  const repo = await openPolicyContext(ctx.cwd, flags.repo, (root) =>
    detectActor(root, ctx.env, flags['dry-run'] === true),
  );
  return {
    root: repo.root,
    doc: repo.policy,
    out: ctx.stdout,
    stdin: ctx.stdin,
    interactive: (ctx.stdin as { isTTY?: boolean }).isTTY === true,
    env: ctx.env,
    actor: repo.extra,
    now: () => new Date(),
    dryRun: flags['dry-run'] === true,
    commit: flags.commit === true,
  };
}
