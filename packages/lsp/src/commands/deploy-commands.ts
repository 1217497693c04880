import { type DeployCallbacks, detectActor } from '@slipway/policy-core';
import {
  databaseAuditStep,
  gitIdentity,
  guard,
  openDb,
  history,
  metrics,
  openDeployContext,
  planPromote,
  planRollback,
  promote,
  rollback,
  stampBaseline,
  unpin,
} from '@slipway/policy-core/node';
import type { ServerContext } from '../context.js';
import { refreshDiagnostics } from '../handlers/refresh-diagnostics.js';
import {
  type ApprovalArgs,
  type FolderArgs,
  type HistoryArgs,
  type PromoteArgs,
  type RollbackArgs,
  SERVER_COMMANDS,
  type StampBaselineArgs,
  type ServerCommandName,
  type UnpinArgs,
} from '../protocol/index.js';
import type { Project } from '../workspace/project.js';
import type { CommandRun, CommandSpec } from './command-run.js';
import { answer, byOutcome, flowCallbacks } from './flow-callbacks.js';

/**
 * Who acts and under which policy: the editor's environment, the repository's git identity,
 * and the policy the editor checks (the `slipway.policyFile` setting, when one is set), so that
 * what the Problems panel shows and what a deploy applies are the same policy.
 */
async function opened(project: Project, dryRun: boolean, approvedBy?: string) {
  const env = process.env;
  const flags = { dryRun, takesApproval: true, ...(approvedBy ? { approvedBy } : {}) };
  const configured = project.hasPolicyOverride() ? project.policyDocument() : undefined;
  if (configured) {
    const actor = detectActor(configured, await gitIdentity(project.root, env), env, flags);
    return { root: project.root, policy: configured, actor, env };
  }
  return { ...(await openDeployContext({ dir: project.root, env, ...flags })), env };
}

type OpenedContext = Awaited<ReturnType<typeof opened>>;

/** The guard's steps after the rules: the database audit, with this host's clients. */
const guardSteps = (ctx: ServerContext) => [databaseAuditStep(ctx.host.openEmbedded)];

/** What a promote and its plan are asked alike: the environment, the commit, the reason, the guard. */
const promoteRequest = (ctx: ServerContext, args: PromoteArgs) => ({
  environment: args.env,
  ...(args.sha ? { ref: args.sha } : {}),
  ...(args.reason ? { reason: args.reason } : {}),
  skipStaging: args.skipStaging === true,
  defaultTarget: 'production-branch' as const,
  guardSteps: guardSteps(ctx),
});

/** Where a rollback and its plan go: the commit and the environment, when the person named them. */
const rollbackTarget = (args: RollbackArgs) => ({
  ...(args.to ? { to: args.to } : {}),
  ...(args.env ? { environment: args.env } : {}),
});

/** The record and the audit log changed on disk: re-read them (status item, REC/AUD findings). */
function deployFilesChanged(ctx: ServerContext, project: Project): void {
  const deploy = project.policyDocument()?.policy.deploy;
  for (const path of [deploy?.record, deploy?.audit_log]) if (path) project.diskChanged(path, 'changed');
  refreshDiagnostics(ctx);
}

/** The callbacks of a flow that only reports its progress: a plan, the guard, the baseline stamp. */
const progressOf = (run: CommandRun) => ({ onProgress: (e: { message: string }) => run.step(e.message) });

/** A plan of a flow (promote, rollback): a dry run of it, which reports only its progress. */
function planFlow<R>(
  project: Project,
  run: CommandRun,
  plan: (who: OpenedContext, callbacks: DeployCallbacks) => Promise<R>,
) {
  return answer(async () => plan(await opened(project, true), progressOf(run)));
}

/**
 * A flow that deploys or writes the record and the audit log (promote, rollback, unpin): run as
 * the person who approved it, with the run's callbacks; then the files it may have written are
 * read again, however it ended, and it answers by its outcome (`success`).
 */
async function writingFlow<R extends { outcome: string; message: string; error?: unknown }>(
  ctx: ServerContext,
  project: Project,
  args: ApprovalArgs,
  run: CommandRun,
  success: readonly string[],
  flow: (who: OpenedContext, callbacks: DeployCallbacks) => Promise<R>,
) {
  const response = await answer(async () =>
    flow(await opened(project, false, args.approvedBy), flowCallbacks(ctx, run, args)),
  );
  deployFilesChanged(ctx, project);
  return response.ok ? byOutcome(response.result, success) : response;
}

/** Each deploy flow as a command: open the context, run the flow with the run's callbacks, answer. */
export const DEPLOY_COMMANDS: Partial<Record<ServerCommandName, CommandSpec>> = {
  [SERVER_COMMANDS.guard]: {
    title: 'Slipway: deploy guard',
    handler: async (ctx, project, _args, run) => {
      const response = await answer(async () =>
        guard(
          {
            root: project.root,
            env: process.env,
            ...(project.hasPolicyOverride() ? { policy: project.policyDocument() } : {}),
            steps: guardSteps(ctx),
          },
          progressOf(run),
        ),
      );
      if (response.ok) {
        // Into the Problems panel, beside the live findings, until the next guard or revalidate.
        ctx.service.state.guard.set(project.root, response.result.findings, response.result.blocked);
        refreshDiagnostics(ctx);
      }
      return response;
    },
  },
  [SERVER_COMMANDS.planPromote]: {
    title: 'Slipway: checking the promote',
    handler: (ctx, project, args: PromoteArgs, run) =>
      planFlow(project, run, (who, callbacks) =>
        planPromote({ ...who, ...promoteRequest(ctx, args) }, callbacks),
      ),
  },
  [SERVER_COMMANDS.promote]: {
    title: 'Slipway: promoting',
    handler: (ctx, project, args: PromoteArgs, run) =>
      writingFlow(ctx, project, args, run, ['deployed'], (who, callbacks) =>
        promote({ ...who, ...promoteRequest(ctx, args) }, callbacks),
      ),
  },
  [SERVER_COMMANDS.planRollback]: {
    title: 'Slipway: reading the rollback',
    handler: (_ctx, project, args: RollbackArgs, run) =>
      planFlow(project, run, (who, callbacks) =>
        // The plan needs a reason only to log one; the person gives it after reading the plan.
        planRollback({ ...who, reason: args.reason || 'plan', ...rollbackTarget(args) }, callbacks),
      ),
  },
  [SERVER_COMMANDS.rollback]: {
    title: 'Slipway: rolling back production',
    handler: (ctx, project, args: RollbackArgs, run) =>
      writingFlow(ctx, project, args, run, ['rolled-back'], (who, callbacks) =>
        rollback({ ...who, reason: args.reason ?? '', ...rollbackTarget(args) }, callbacks),
      ),
  },
  [SERVER_COMMANDS.unpin]: {
    title: 'Slipway: unpinning production',
    handler: (ctx, project, args: UnpinArgs, run) =>
      writingFlow(ctx, project, args, run, ['unpinned'], (who, callbacks) =>
        unpin({ ...who, reason: args.reason ?? '' }, callbacks),
      ),
  },
  [SERVER_COMMANDS.stampBaseline]: {
    title: 'Slipway: stamping the production baseline',
    handler: async (ctx, project, args: StampBaselineArgs, run) => {
      const { openEmbedded } = ctx.host;
      const response = await answer(async () => {
        const { root, policy } = await opened(project, true);
        return stampBaseline(
          {
            root,
            policy,
            env: process.env,
            ...(args.database ? { database: args.database } : {}),
            ...(args.revision ? { revision: args.revision } : {}),
            dryRun: args.dryRun === true,
            openDb: (target) => openDb(target, { cwd: root, ...(openEmbedded ? { openEmbedded } : {}) }),
          },
          progressOf(run),
        );
      });
      return response.ok
        ? byOutcome(response.result, ['stamped', 'already-at-baseline', 'already-past-baseline'])
        : response;
    },
  },
  [SERVER_COMMANDS.history]: {
    title: 'Slipway: reading the deploy history',
    handler: (_ctx, project, args: HistoryArgs) =>
      answer(async () => {
        const { root, policy } = await opened(project, true);
        return history({ root, policy, ...(args.limit ? { limit: args.limit } : {}) });
      }),
  },
  [SERVER_COMMANDS.metrics]: {
    title: 'Slipway: reading the delivery metrics',
    handler: (_ctx, project, _args: FolderArgs) =>
      answer(async () => {
        const { root, policy } = await opened(project, true);
        return metrics({ root, policy });
      }),
  },
};
