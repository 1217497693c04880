import { hookCommand, MCP_SERVER, runsSlipwayHook } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Cursor: `.cursor/hooks.json` (`version: 1`, flat entries of `command`), `beforeShellExecution`
 * for commands (every Cursor with hooks has it, and it can deny) and `preToolUse` with a matcher
 * on the file-writing tools (the shell left out, so a command is judged once); the MCP servers in
 * `.cursor/mcp.json` (`mcpServers`). https://cursor.com/docs/agent/hooks, …/context/mcp
 */
export const CURSOR_SETUP: AgentSetup = {
  agent: 'cursor',
  name: 'Cursor',
  files: [
    {
      path: '.cursor/hooks.json',
      format: 'json',
      wants: [
        { kind: 'key', path: ['version'], value: 1 },
        {
          kind: 'entry',
          path: ['hooks', 'beforeShellExecution'],
          value: { command: hookCommand('cursor') },
          has: runsSlipwayHook('cursor'),
        },
        {
          kind: 'entry',
          path: ['hooks', 'preToolUse'],
          value: { command: hookCommand('cursor'), matcher: 'Write|Edit|StrReplace|MultiEdit|Delete' },
          has: runsSlipwayHook('cursor'),
        },
      ],
    },
    {
      path: '.cursor/mcp.json',
      format: 'json',
      wants: [{ kind: 'key', path: ['mcpServers', 'slipway'], value: { ...MCP_SERVER } }],
    },
  ],
};
