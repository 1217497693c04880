import { type ExecuteCommandParams, ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { type ServerContext, refreshDiagnostics } from '../context.js';
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

const COMMANDS: Partial<Record<ServerCommandName, CommandSpec>> = {
  ...DEPLOY_COMMANDS,
  [SERVER_COMMANDS.init]: {
    title: 'Slipway: creating the policy file',
    handler: (_ctx, project, args) => initCommand(project, args),
  },
};

/** The command names the server announces in `executeCommandProvider`. */
export function commandNames(): string[] {
  return [SERVER_COMMANDS.revalidate, ...Object.keys(COMMANDS)];
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
      ctx.settings.changed();
      ctx.guard.clear();
      for (const project of ctx.projects.all()) project.reset();
      refreshDiagnostics(ctx);
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
    const run = await openRun(ctx, target.project.root, params, token, workDone, spec.title);
    try {
      return await spec.handler(ctx, target.project, arg as never, run);
    } catch (err) {
      // A flow's bug, not the user's input: one line to the client, the stack to the log.
      const e = err as Error;
      ctx.connection.console.error(`${params.command} failed: ${e.stack ?? e.message}`);
      return { ok: false, refused: { code: 'failed', message: e.message } } satisfies CommandResponse<never>;
    } finally {
      run.done();
    }
  });
}
