import type { CommandContext } from '../command.js';
import { openPolicyContext } from '../repo-context.js';
import { parseDuration } from './duration.js';
import { detectActor } from './detect-actor.js';
import { gitIdentity } from './git-ops.js';
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
 * The flags operationContext reads. Commands with APPROVAL_FLAGS pass their values: `yes` has a
 * default there, so it is a boolean exactly when the command takes approval.
 */
export interface OperationFlags {
  repo?: string;
  'dry-run'?: boolean;
  commit?: boolean;
  yes?: boolean;
  'approved-by'?: string;
}

export async function operationContext(
  ctx: CommandContext,
  flags: OperationFlags,
): Promise<OperationContext> {
  const dryRun = flags['dry-run'] === true;
  // Who acts is a git question (the commit identity): asked while the policy is parsed, dry run
  // or not, because the kind it decides (agent or not) limits what may be done.
  const repo = await openPolicyContext(ctx.cwd, flags.repo, (root) => gitIdentity(root, ctx.env));
  const actor = detectActor(repo.policy, repo.extra, ctx.env, {
    dryRun,
    approvedBy: flags['approved-by'],
    takesApproval: typeof flags.yes === 'boolean',
  });
  return {
    root: repo.root,
    doc: repo.policy,
    out: ctx.stdout,
    stdin: ctx.stdin,
    // Only a person is offered the prompt: an agent or a CI job typing the SHA would be approving
    // its own run. They approve through --yes --approved-by NAME of the human who decided.
    interactive: actor.kind === 'human' && (ctx.stdin as { isTTY?: boolean }).isTTY === true,
    env: ctx.env,
    actor,
    now: () => new Date(),
    dryRun,
    commit: flags.commit === true,
  };
}
