/**
 * Gemini CLI's `BeforeTool` hook (sources: README.md, "Gemini CLI"). Input: `session_id`, `cwd`,
 * `hook_event_name`, `tool_name`, `tool_input`. Answer: a refusal is exit 2 with the reason on
 * stderr, and `{"decision":"deny","reason":…}` on stdout; BeforeTool has no "ask", so ask is a
 * refusal whose reason says a person must approve. Stdout must hold JSON only: no objection is `{}`.
 */
import { reasonText } from '../reason-text.js';
import type { AgentAdapter, GateDecision, HookAnswer, ReplaceEdit, ToolCall } from '../tool-call.js';
import { blockingAnswer, noObjection } from './answers.js';
import { geminiAlternatives } from './gemini-unescape.js';
import {
  context,
  eventField,
  inDirectory,
  type Fields,
  InputError,
  inputObject,
  objectField,
  optionalBoolean,
  optionalString,
  pathField,
  readInput,
  replaceEdit,
  stringField,
  toolName,
  unknownTool,
  wrong,
} from './input-fields.js';

/**
 * Gemini CLI's tools that change nothing in the repository: its plan-mode tools and the like, and
 * `save_memory` / `exit_plan_mode`, which write only under `~/.gemini` (the global memory file,
 * the session's plan). Since then (google-gemini/gemini-cli @5411f113, `packages/core/src/tools/`;
 * `tools.ts` counts the kinds Read, Search and Fetch read-only): the MCP resource tools (Read,
 * Search: a resource read, not a server's tool), the background shells' list and log (Read; the log
 * opened read-only), the task tracker's reads (Read, Search; its writes, Kind.Edit, stay refused)
 * and `complete_task`, a subagent's last call, which only hands its result back.
 */
export const GEMINI_READ_ONLY_TOOLS: readonly string[] = [
  'read_file',
  'read_many_files',
  'list_directory',
  'glob',
  'grep_search',
  'search_file_content',
  'google_web_search',
  'web_fetch',
  'write_todos',
  'get_internal_docs',
  'ask_user',
  'activate_skill',
  'enter_plan_mode',
  'exit_plan_mode',
  'save_memory',
  'update_topic',
  'codebase_investigator',
  'cli_help',
  'read_mcp_resource',
  'list_mcp_resources',
  'list_background_processes',
  'read_background_output',
  'tracker_get_task',
  'tracker_list_tasks',
  'tracker_visualize',
  'complete_task',
];

export const geminiAdapter: AgentAdapter = {
  agent: 'gemini',
  read: (input) =>
    readInput('gemini', () => {
      const hook = inputObject(input);
      const tool = toolName(hook, 'tool_name');
      const cwd = optionalString(hook, 'cwd');
      const { call, dir } = geminiCall(tool, hook);
      const alternatives = geminiAlternatives(call);
      return {
        call,
        ...(alternatives === undefined ? {} : { alternatives }),
        ...context(
          dir === undefined ? cwd : inDirectory(cwd, dir),
          optionalString(hook, 'session_id'),
          eventField(hook, 'BeforeTool'),
        ),
      };
    }),
  render: renderGemini,
};

/** The call, and for a shell command the directory it runs in (`dir_path`, formerly `directory`). */
function geminiCall(tool: string, hook: Fields): { call: ToolCall; dir?: string } {
  switch (tool) {
    case 'write_file': {
      const args = objectField(hook, 'tool_input');
      return {
        call: {
          kind: 'write',
          tool,
          path: pathField(args, 'file_path', 'tool_input.file_path'),
          content: stringField(args, 'content', 'tool_input.content'),
        },
      };
    }
    // An empty old_string is read, not refused: it creates the file (gemini-replace.ts says when).
    case 'replace': {
      const args = objectField(hook, 'tool_input');
      return {
        call: {
          kind: 'edit',
          tool,
          path: pathField(args, 'file_path', 'tool_input.file_path'),
          edits: [replaceCounted(args)],
          appliedAs: 'gemini-replace',
        },
      };
    }
    case 'run_shell_command': {
      const args = objectField(hook, 'tool_input');
      const dir =
        optionalString(args, 'dir_path', 'tool_input.dir_path') ??
        optionalString(args, 'directory', 'tool_input.directory');
      const call: ToolCall = {
        kind: 'shell',
        tool,
        command: stringField(args, 'command', 'tool_input.command'),
      };
      return dir === undefined ? { call } : { call, dir };
    }
  }
  if (GEMINI_READ_ONLY_TOOLS.includes(tool)) return { call: { kind: 'read', tool } };
  if (tool.startsWith('mcp_'))
    return { call: unknownTool(tool, 'an MCP server tool, which may write anything') };
  return { call: unknownTool(tool, 'a tool Slipway does not know') };
}

/**
 * `replace`'s one replacement and the counts it requires: `allow_multiple: true` (current
 * releases) replaces every occurrence; `expected_replacements` (earlier ones) requires that many,
 * all replaced, and a later release, which ignores it, one unless `allow_multiple` says otherwise.
 */
function replaceCounted(args: Fields): ReplaceEdit {
  const edit = replaceEdit(
    stringField(args, 'old_string', 'tool_input.old_string'),
    stringField(args, 'new_string', 'tool_input.new_string'),
    optionalBoolean(args, 'allow_multiple', 'tool_input.allow_multiple'),
  );
  const expected = args.expected_replacements;
  if (expected === undefined || expected === null) return edit;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 1) {
    throw new InputError(wrong('tool_input.expected_replacements', expected, 'a whole number from 1'));
  }
  // Without allow_multiple, an earlier release replaces all `expected` of them.
  const all =
    args.allow_multiple === undefined || args.allow_multiple === null ? expected > 1 : edit.replaceAll;
  return { ...replaceEdit(edit.oldText, edit.newText, all), expected };
}

function renderGemini(decision: GateDecision): HookAnswer {
  if (decision.verdict === 'allow') return noObjection('{}\n');
  const reason = reasonText(decision, decision.verdict === 'deny' ? 'deny' : 'ask-as-deny');
  return blockingAnswer(reason, { decision: 'deny', reason });
}
