import { join } from 'node:path';
import { writeAgentsMd } from '@slipway/policy-core/node';
import { printable } from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openPolicyContext } from '../repo-context.js';

export const agentsMdCommand: Command = {
  name: 'agents-md',
  usage: `Usage: slipway agents-md [--repo DIR] [--check]

Writes the Slipway section of AGENTS.md (beside the policy) from the policy: the branch agents
work on, where they may write, the protected paths and the label a human adds, the caps, the
dependency lane, and the hook and MCP server that hold them to it. The section sits between
<!-- slipway:begin --> and <!-- slipway:end -->: it is replaced there, appended when the file has
none, and the file is created when there is none; text outside the markers is never touched.
Duplicated or unbalanced markers: one line, nothing written. POL007 warns when the section no
longer matches the policy.

--check writes nothing and exits 1 when the section would change.`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'agents-md',
      ctx.argv,
      { repo: { type: 'string' }, check: { type: 'boolean' } },
      false,
    );
    const { root, policy } = await openPolicyContext(ctx.cwd, values.repo, async () => undefined);
    const check = values.check === true;
    const result = writeAgentsMd(root, policy, check);
    if (!result.ok) throw new UserError(printable(result.reason));
    const target = join(root, result.path);
    if (check) {
      ctx.stdout.write(
        result.status === 'unchanged'
          ? `${target} matches ${policy.file}\n`
          : `${target} would be ${result.status}: run \`slipway agents-md\`\n`,
      );
      return result.status === 'unchanged' ? 0 : 1;
    }
    ctx.stdout.write(`${result.status}: ${target}\n`);
    return 0;
  },
};
