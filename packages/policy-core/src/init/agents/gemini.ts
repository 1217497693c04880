import { HOOK_TIMEOUT_SECONDS, hookCommand, MCP_SERVER, slipwayHookEntry } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Gemini CLI: one project settings file, `.gemini/settings.json`, holds both: `hooks.BeforeTool`
 * (Claude Code's shape; the matcher a regex on Gemini's tool names; timeout in milliseconds) and
 * `mcpServers`. https://geminicli.com/docs/hooks/reference, …/docs/tools/mcp-server
 */
export const GEMINI_SETUP: AgentSetup = {
  agent: 'gemini',
  name: 'Gemini CLI',
  files: [
    {
      path: '.gemini/settings.json',
      format: 'json',
      wants: [
        {
          kind: 'entry',
          path: ['hooks', 'BeforeTool'],
          value: {
            matcher: 'write_file|replace|run_shell_command',
            hooks: [
              {
                type: 'command',
                name: 'slipway',
                command: hookCommand('gemini', 'GEMINI_PROJECT_DIR'),
                timeout: HOOK_TIMEOUT_SECONDS * 1000,
              },
            ],
          },
          ...slipwayHookEntry('gemini'),
        },
        { kind: 'key', path: ['mcpServers', 'slipway'], value: { ...MCP_SERVER } },
      ],
    },
  ],
};
