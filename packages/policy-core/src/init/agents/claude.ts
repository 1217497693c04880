import { hookCommand, MCP_SERVER, runsSlipwayHook } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Claude Code: a PreToolUse hook in the project's shared settings (`.claude/settings.json`, not
 * `settings.local.json`, which each person keeps for themselves) on the tools that write files or
 * run commands, and the project's MCP servers file `.mcp.json`. Timeouts are in seconds.
 * https://docs.anthropic.com/en/docs/claude-code/hooks, …/claude-code/mcp
 */
export const CLAUDE_SETUP: AgentSetup = {
  agent: 'claude',
  name: 'Claude Code',
  files: [
    {
      path: '.claude/settings.json',
      format: 'json',
      wants: [
        {
          kind: 'entry',
          path: ['hooks', 'PreToolUse'],
          value: {
            matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash',
            hooks: [{ type: 'command', command: hookCommand('claude', 'CLAUDE_PROJECT_DIR'), timeout: 30 }],
          },
          has: runsSlipwayHook('claude'),
        },
      ],
    },
    {
      path: '.mcp.json',
      format: 'json',
      wants: [{ kind: 'key', path: ['mcpServers', 'slipway'], value: { type: 'stdio', ...MCP_SERVER } }],
    },
  ],
};
