import { unpin } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import {
  APPROVING_COMMAND_USAGE,
  approvingCommandFlags,
  approvingOperation,
  exitFor,
} from '../deploy/command-context.js';
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
${APPROVING_COMMAND_USAGE}`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'unpin',
      ctx.argv,
      approvingCommandFlags({ reason: { type: 'string' } } as const),
      false,
    );
    if (!values.reason) throw new UserError('--reason TEXT is required');
    const op = await approvingOperation(ctx, values, 'unpin');
    const result = await unpin({ ...op.options, reason: values.reason }, op.callbacks);
    if (result.outcome === 'dry-run' && !op.json) op.say(result.message);
    return exitFor(ctx, op, 'unpin', result, ['unpinned', 'dry-run']);
  },
};
