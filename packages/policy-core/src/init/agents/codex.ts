import { HOOK_TIMEOUT_SECONDS, hookCommand, MCP_SERVER, slipwayHookEntry } from './launcher.js';
import type { AgentSetup } from './agent-setup.js';

/**
 * Codex: hooks in the project layer's `.codex/hooks.json` (Claude Code's shape: event, matcher
 * group, handlers; its root takes only `description` and `hooks`), PreToolUse on the shell and on
 * `apply_patch`, its file-edit tool; the MCP server as `[mcp_servers.slipway]` in
 * `.codex/config.toml`. Codex loads a project's `.codex/` only when the project is trusted, and
 * runs a new hook only once someone has reviewed it (`/hooks`): init says so.
 * https://developers.openai.com/codex/hooks, …/codex/mcp
 */
export const CODEX_SETUP: AgentSetup = {
  agent: 'codex',
  name: 'Codex',
  files: [
    {
      path: '.codex/hooks.json',
      format: 'json',
      wants: [
        {
          kind: 'entry',
          path: ['hooks', 'PreToolUse'],
          value: {
            matcher: 'Bash|apply_patch|Edit|Write',
            hooks: [{ type: 'command', command: hookCommand('codex'), timeout: HOOK_TIMEOUT_SECONDS }],
          },
          ...slipwayHookEntry('codex'),
        },
      ],
    },
    {
      path: '.codex/config.toml',
      format: 'toml',
      table: ['mcp_servers', 'slipway'],
      values: { command: MCP_SERVER.command, args: [...MCP_SERVER.args] },
    },
  ],
  note:
    'Codex reads .codex/ only in a trusted project and runs a new hook once it is reviewed: open /hooks in Codex and trust it. ' +
    "Codex does not tell its hooks the directory its model picks for a shell command (workdir): there, relative paths are judged from the session's directory (docs/guides/agents.md)",
};
