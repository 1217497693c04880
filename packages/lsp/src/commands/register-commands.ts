import { type ExecuteCommandParams, ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import {
  type CommandResponse,
  SERVER_COMMANDS,
  type ServerCommandName,
  TRUST_REQUIRING_COMMANDS,
} from '../protocol/index.js';
import { type CommandSpec, openRun } from './command-run.js';
import { commandProject } from './command-target.js';
import { DEPLOY_COMMANDS } from './deploy-commands.js';
import { initCommand } from './init-command.js';
import { policyTestsCommand } from './policy-tests-command.js';
import { traceCommand } from './trace-command.js';

const COMMANDS: Partial<Record<ServerCommandName, CommandSpec>> = {
  ...DEPLOY_COMMANDS,
  [SERVER_COMMANDS.init]: {
    title: 'Slipway: creating the policy file',
    handler: (_ctx, project, args) => initCommand(project, args),
  },
  [SERVER_COMMANDS.trace]: {
    title: 'Slipway: tracing migration locks',
    handler: (ctx, project, args, run) => traceCommand(ctx, project, args, run),
  },
  [SERVER_COMMANDS.runPolicyTests]: {
    title: 'Slipway: running the policy test cases',
    handler: (ctx, project) => policyTestsCommand(ctx, project),
  },
};

/** The command names the server announces in `executeCommandProvider`. */
export function commandNames(): string[] {
  return [SERVER_COMMANDS.revalidate, ...Object.keys(COMMANDS)];
}

/** How long a shutdown waits for cancelled flows to log how they ended. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The editor is closing (`shutdown`): cancel every flow under way and wait for each to log its
 * end (the audit log then says the deploy was interrupted, the record keeps what it named)
 * instead of dying mid-deploy with a `started` line and nothing after it.
 */
export async function cancelRunning(ctx: ServerContext): Promise<void> {
  if (ctx.running.size === 0) return;
  for (const run of ctx.running.keys()) run.cancel('the editor shutting down');
  const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
  await Promise.race([Promise.all(ctx.running.values()), grace]);
}

/**
 * `workspace/executeCommand`: each command is a thin handler over a flow. Refusals (Restricted
 * Mode, no such folder, a flow's own refusal) are answers the client shows; a command the
 * server does not know is a protocol error.
 */
export function registerCommands(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand(async (params: ExecuteCommandParams, token, workDone) => {
    const name = params.command as ServerCommandName;
    if (name === SERVER_COMMANDS.revalidate) {
      ctx.service.revalidate();
      return null;
    }
    if (ctx.restricted && TRUST_REQUIRING_COMMANDS.includes(name)) {
      return {
        ok: false,
        refused: {
          code: 'untrusted',
          message:
            'this workspace is not trusted (Restricted Mode), and this command runs git and the commands the policy configures',
          hint: 'Trust the workspace (Manage Workspace Trust) to run it; findings in open files work without trust.',
        },
      } satisfies CommandResponse<never>;
    }
    const spec = COMMANDS[name];
    if (!spec) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    const arg = params.arguments?.[0];
    const target = await commandProject(ctx, arg);
    if ('refused' in target) return { ok: false, refused: target.refused } satisfies CommandResponse<never>;
    if (name !== SERVER_COMMANDS.init && target.project.policyFile() === undefined) {
      return {
        ok: false,
        refused: {
          code: 'no-policy',
          message: `${target.project.root} has no slipway.yaml or slipway.toml`,
          hint: 'Run "Slipway: Create Policy File" (slipway.server.init) to write one from what the repository holds.',
        },
      } satisfies CommandResponse<never>;
    }
    const run = await openRun(ctx, target.project.root, params, token, workDone, spec.title);
    const running = spec.handler(ctx, target.project, arg as never, run);
    ctx.running.set(
      run,
      running.catch(() => {}),
    );
    try {
      return await running;
    } catch (err) {
      // A flow's bug, not the user's input: one line to the client, the stack to the log.
      const e = err as Error;
      ctx.connection.console.error(`${params.command} failed: ${e.stack ?? e.message}`);
      return { ok: false, refused: { code: 'failed', message: e.message } } satisfies CommandResponse<never>;
    } finally {
      ctx.running.delete(run);
      run.done();
    }
  });
}
