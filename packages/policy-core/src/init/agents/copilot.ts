import {
  HOOK_TIMEOUT_SECONDS,
  hookCommand,
  hookPowerShell,
  MCP_SERVER,
  slipwayHookEntry,
} from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * GitHub Copilot (the cloud agent, which reads `.github/hooks/*.json` from the default branch,
 * and Copilot CLI): a file of Slipway's own, `version: 1`, a `preToolUse` command (it has no
 * matcher: the hook sees every tool call and lets reads through) for bash and PowerShell, run
 * from the repository root; VS Code's MCP servers in `.vscode/mcp.json` (JSONC, `servers`).
 * https://docs.github.com/en/copilot/reference/hooks-configuration,
 * https://code.visualstudio.com/docs/copilot/chat/mcp-servers
 */
export const COPILOT_SETUP: AgentSetup = {
  agent: 'copilot',
  name: 'GitHub Copilot',
  files: [
    {
      path: '.github/hooks/slipway.json',
      format: 'json',
      wants: [
        { kind: 'key', path: ['version'], value: 1 },
        {
          kind: 'entry',
          path: ['hooks', 'preToolUse'],
          value: {
            type: 'command',
            bash: hookCommand('copilot'),
            powershell: hookPowerShell('copilot'),
            cwd: '.',
            timeoutSec: HOOK_TIMEOUT_SECONDS,
          },
          ...slipwayHookEntry('copilot'),
        },
      ],
    },
    {
      path: '.vscode/mcp.json',
      format: 'json',
      wants: [{ kind: 'key', path: ['servers', 'slipway'], value: { type: 'stdio', ...MCP_SERVER } }],
    },
  ],
  note: 'the Copilot cloud agent reads .github/hooks/ from the default branch: the hook runs there once this is merged',
};
