/**
 * Codex CLI's `PreToolUse` hook (sources: README.md, "Codex CLI"). Codex took Claude Code's hook
 * protocol: the same input fields and the same `hookSpecificOutput` answer, but its tools differ:
 * every shell path is `Bash` with `tool_input.command` one string (Codex shlex-joins the argv;
 * an argv array, as Codex's older `shell` tool carried, is read too), and every file edit is
 * `apply_patch` with the whole patch text in `tool_input.command`. Codex rejects
 * `permissionDecision: "ask"` as unsupported and then runs the call, so ask is a refusal here.
 */
import type { AgentAdapter, ToolCall } from '../tool-call.js';
import { argvCommand } from './argv-command.js';
import { renderClaudeStyle } from './claude.js';
import { shellPatchCall } from './codex-shell-patch.js';
import {
  checkedText,
  context,
  eventField,
  type Fields,
  InputError,
  inDirectory,
  inputObject,
  objectField,
  optionalString,
  readInput,
  stringField,
  toolName,
  unknownTool,
  wrong,
} from './input-fields.js';
import { patchCall } from './patch-call.js';

/**
 * Codex's tools that change nothing in the repository: plans, images, searches, reads, and a
 * subagent (whose own tool calls come through this hook, `agent_id` set). Every local function
 * tool reaches PreToolUse by its flat name since openai/codex#23757 (`CoreToolRuntime`'s default
 * `pre_tool_use_payload`, `codex-rs/core/src/tools/registry.rs`); among them the MCP resource
 * tools, which list and read a server's resources (`resources/list`, `resources/templates/list`,
 * `resources/read`), not its tools (`tools/handlers/mcp_resource/*.rs` @1043025e).
 */
export const CODEX_READ_ONLY_TOOLS: readonly string[] = [
  'update_plan',
  'view_image',
  'web_search',
  'read_file',
  'list_dir',
  'grep_files',
  'spawn_agent',
  'list_mcp_resources',
  'list_mcp_resource_templates',
  'read_mcp_resource',
];

export const codexAdapter: AgentAdapter = {
  agent: 'codex',
  read: (input) =>
    readInput('codex', () => {
      const hook = inputObject(input);
      const tool = toolName(hook, 'tool_name');
      // Codex runs a shell call in the `workdir` its model chose, which its PreToolUse input does
      // not carry today (openai/codex issues 32360, 33986): read where it is given.
      const dir =
        tool === 'Bash'
          ? optionalString(objectField(hook, 'tool_input'), 'workdir', 'tool_input.workdir')
          : undefined;
      const cwd = optionalString(hook, 'cwd');
      return {
        call: codexCall(tool, hook),
        ...context(
          dir === undefined ? cwd : inDirectory(cwd, dir),
          optionalString(hook, 'session_id'),
          eventField(hook, 'PreToolUse'),
        ),
      };
    }),
  render: (decision) => renderClaudeStyle(decision, 'deny'),
};

function codexCall(tool: string, hook: Fields): ToolCall {
  if (tool === 'Bash') {
    const args = objectField(hook, 'tool_input');
    const script = command(args);
    const argv = Array.isArray(args.command) ? (args.command as string[]) : undefined;
    return shellPatchCall(tool, argv, script) ?? { kind: 'shell', tool, command: script };
  }
  if (tool === 'apply_patch') {
    const patch = stringField(objectField(hook, 'tool_input'), 'command', 'tool_input.command');
    return patchCall(tool, patch, 'the apply_patch patch');
  }
  if (CODEX_READ_ONLY_TOOLS.includes(tool)) return { kind: 'read', tool };
  if (tool.startsWith('mcp__')) return unknownTool(tool, 'an MCP server tool, which may write anything');
  return unknownTool(tool, 'a tool Slipway does not know');
}

/** `tool_input.command`: the string Codex sends, or an argv array. */
function command(args: Fields): string {
  const value = args.command;
  if (Array.isArray(value))
    return checkedText(argvCommand(value, 'tool_input.command'), 'tool_input.command');
  if (typeof value !== 'string')
    throw new InputError(wrong('tool_input.command', value, 'a string or a list of strings'));
  return stringField(args, 'command', 'tool_input.command');
}
