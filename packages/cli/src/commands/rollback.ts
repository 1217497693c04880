import { planRollback, rollback } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import {
  APPROVING_COMMAND_USAGE,
  approvingCommandFlags,
  approvingOperation,
  exitFor,
} from '../deploy/command-context.js';
import { writeJsonResult } from '../deploy/json-result.js';
import { parseFlags } from '../flags.js';

export const rollbackCommand: Command = {
  name: 'rollback',
  usage: `Usage: slipway rollback --reason TEXT [--to SHA] [--env production] [options]

Redeploys the last good SHA before the current one (or --to, which must be a deploy the record
lists), runs the health checks, logs a SYSTEM_CORRECTION_EVENT with from, to, actor and reason,
and pins production so that no promote undoes it until \`slipway unpin --reason\`. It lists what
it does not undo: Alembic revisions and .sql migrations added since the target, and dependency
lock changes. Without a terminal (CI) it needs --yes and --approved-by NAME.

Options:
  --reason TEXT      why (required; logged)
  --to SHA           a recorded deploy to return to
  --env NAME         default: the environment the record describes (deploy.production)
  --yes              confirm without a prompt
  --approved-by NAME who decided it (default: the git user)
${APPROVING_COMMAND_USAGE}`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'rollback',
      ctx.argv,
      approvingCommandFlags({
        env: { type: 'string' },
        to: { type: 'string' },
        reason: { type: 'string' },
      } as const),
      false,
    );
    if (!values.reason) throw new UserError('--reason TEXT is required');
    const op = await approvingOperation(ctx, values, 'rollback');
    const opts = {
      ...op.options,
      reason: values.reason,
      ...(values.env !== undefined ? { environment: values.env } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
    };
    if (op.options.dryRun) {
      const plan = await planRollback(opts, op.callbacks);
      if (op.json) writeJsonResult(ctx.stdout, 'rollback', { dryRun: true, plan });
      else op.say('dry run: nothing was deployed or written');
      return 0;
    }
    return exitFor(ctx, op, 'rollback', await rollback(opts, op.callbacks), ['rolled-back']);
  },
};
