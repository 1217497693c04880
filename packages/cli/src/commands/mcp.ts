import type { Command, CommandContext } from '../command.js';
import { parseFlags } from '../flags.js';
import { repoDir } from '../repo-context.js';

export const mcpCommand: Command = {
  name: 'mcp',
  usage: `Usage: slipway mcp [--repo DIR]

Serves Slipway's answers to a coding agent as an MCP server on stdio (register it in the
agent's MCP configuration: see docs/mcp.md). Every tool only reads:
  policy_summary   what an agent may do here: branches, allowed and protected paths, the policy
                   surface, the caps of agents.limits and how much of each this change has used
  may_edit         allow, ask or deny for each path, with the rule and the policy line
  check_change     \`slipway check\` on the working tree and branch: findings as --format json has them
  lint_migration   the migration rules on one migration, or on the text proposed for it
  explain_rule     a rule's documentation (\`slipway explain MIG001\`)
Stdout is the protocol; logs go to stderr. The repository is --repo, else the current directory's.`,
  run: async (ctx: CommandContext) => {
    const { values } = parseFlags('mcp', ctx.argv, { repo: { type: 'string' } });
    const dir = repoDir(ctx.cwd, values.repo);
    // The SDK loads here, in this command's chunk: `slipway --version` and `check` never load it.
    const { serveMcp } = await import('../mcp/serve.js');
    return serveMcp(ctx, dir);
  },
};
