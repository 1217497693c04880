import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { DEPLOY_FLAGS, DEPLOY_FLAGS_USAGE, operationContext } from '../deploy/command-context.js';
import { unpin } from '../deploy/unpin.js';
import { parseDuration } from '../deploy/duration.js';
import { parseFlags } from '../flags.js';

export const unpinCommand: Command = {
  name: 'unpin',
  usage: `Usage: slipway unpin --reason TEXT [options]

Clears \`pinned\` in the deploy record and logs UNPIN with the reason. In CI (or any non-human
run) it needs --approved-by NAME of the person who decided it.

Options:
  --reason TEXT      why production may move again (required)
  --yes              confirm without a prompt
  --approved-by NAME the human who decided it
  --approval-timeout DUR
                     how long the prompt waits for the short SHA (default 10m); the deploy
                     lock is held meanwhile, so an unanswered prompt ends as a refusal
${DEPLOY_FLAGS_USAGE}`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'unpin',
      ctx.argv,
      {
        ...DEPLOY_FLAGS,
        reason: { type: 'string' },
        yes: { type: 'boolean', default: false },
        'approved-by': { type: 'string' },
        'approval-timeout': { type: 'string', default: '10m' },
      },
      false,
    );
    if (!values.reason) throw new UserError('--reason TEXT is required');
    const op = await operationContext(ctx, values);
    return unpin(op, {
      reason: values.reason,
      yes: values.yes === true,
      approvedBy: values['approved-by'],
      approvalTimeoutMs: parseDuration('approval-timeout', values['approval-timeout'] ?? '10m'),
    });
  },
};
