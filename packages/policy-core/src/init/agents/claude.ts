import { HOOK_TIMEOUT_SECONDS, hookCommand, MCP_SERVER, slipwayHookEntry } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Claude Code: a PreToolUse hook in the project's shared settings (`.claude/settings.json`, not
 * `settings.local.json`, which each person keeps for themselves) on the tools that write files or
 * run commands, and the project's MCP servers file `.mcp.json`. Timeouts are in seconds; a hook
 * that fails blocks the call (`onFailure: "block"`).
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
            // PowerShell is Claude Code's shell on Windows: left out, its commands would not be
            // asked about at all; asked, the gate refuses what it cannot read (fail closed).
            matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash|PowerShell',
            hooks: [
              {
                type: 'command',
                command: hookCommand('claude', 'CLAUDE_PROJECT_DIR'),
                timeout: HOOK_TIMEOUT_SECONDS,
                // A hook that times out, cannot start or exits with another code than 0 or 2 lets
                // the call run unless this says otherwise (Claude Code 2.1.295 and later): a slow
                // input must not be a way past the gate.
                onFailure: 'block',
              },
            ],
          },
          ...slipwayHookEntry('claude'),
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
