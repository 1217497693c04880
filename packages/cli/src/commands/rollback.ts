import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { DEPLOY_FLAGS, DEPLOY_FLAGS_USAGE, operationContext } from '../deploy/command-context.js';
import { rollback } from '../deploy/rollback.js';
import { parseDuration } from '../deploy/duration.js';
import { parseFlags } from '../flags.js';

export const rollbackCommand: Command = {
  name: 'rollback',
  usage: `Usage: slipway rollback --reason TEXT [--to SHA] [--env production] [options]

Redeploys the last good SHA before the current one (or --to, which must be a deploy the record
lists), runs the health checks, logs a SYSTEM_CORRECTION_EVENT with from, to, actor and reason,
and pins production so that no promote undoes it until \`slipway unpin --reason\`. It lists what
it does not undo: Alembic revisions added since the target, and dependency lock changes.

Options:
  --reason TEXT      why (required; logged)
  --to SHA           a recorded deploy to return to
  --env NAME         default: the environment the record describes (deploy.production)
  --yes              confirm without a prompt
  --approved-by NAME who decided it (default: the git user)
  --approval-timeout DUR
                     how long the prompt waits for the short SHA (default 10m); the deploy
                     lock is held meanwhile, so an unanswered prompt ends as a refusal
${DEPLOY_FLAGS_USAGE}`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'rollback',
      ctx.argv,
      {
        ...DEPLOY_FLAGS,
        env: { type: 'string' },
        to: { type: 'string' },
        reason: { type: 'string' },
        yes: { type: 'boolean', default: false },
        'approved-by': { type: 'string' },
        'approval-timeout': { type: 'string', default: '10m' },
      },
      false,
    );
    if (!values.reason) throw new UserError('--reason TEXT is required');
    const op = await operationContext(ctx, values);
    return rollback(op, {
      envName: values.env ?? op.doc.policy.deploy?.production ?? 'production',
      to: values.to,
      reason: values.reason,
      yes: values.yes === true,
      approvedBy: values['approved-by'],
      approvalTimeoutMs: parseDuration('approval-timeout', values['approval-timeout'] ?? '10m'),
    });
  },
};
