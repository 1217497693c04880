import { HOOK_TIMEOUT_SECONDS, hookCommand, MCP_SERVER, slipwayHookEntry } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Cursor: `.cursor/hooks.json` (`version: 1`, flat entries of `command`), `beforeShellExecution`
 * for commands (every Cursor with hooks has it, and it can deny) and `preToolUse` with a matcher
 * on the file-writing tools (the shell left out, so a command is judged once); the MCP servers in
 * `.cursor/mcp.json` (`mcpServers`). https://cursor.com/docs/agent/hooks, …/context/mcp
 */
/**
 * Cursor's own switch for a hook that crashes, times out or answers what it cannot parse: the call
 * is refused instead of run (`failClosed`, per hook entry; its `timeout` in seconds).
 * https://cursor.com/docs/hooks
 */
const CURSOR_FAILURE = { timeout: HOOK_TIMEOUT_SECONDS, failClosed: true } as const;

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
          value: { command: hookCommand('cursor'), ...CURSOR_FAILURE },
          ...slipwayHookEntry('cursor'),
        },
        {
          kind: 'entry',
          path: ['hooks', 'preToolUse'],
          value: {
            command: hookCommand('cursor'),
            matcher: 'Write|Edit|StrReplace|MultiEdit|Delete',
            ...CURSOR_FAILURE,
          },
          ...slipwayHookEntry('cursor'),
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
