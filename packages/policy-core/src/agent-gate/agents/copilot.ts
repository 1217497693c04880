/**
 * GitHub Copilot's `preToolUse` hook, the cloud coding agent's and Copilot CLI's (sources:
 * README.md, "GitHub Copilot"). Input: `timestamp`, `cwd`, `toolName`, `toolArgs`, where
 * `toolArgs` is a JSON text in a string (the CLI; an object is read too, as the SDK passes it).
 * Answer: `{"permissionDecision":"deny","permissionDecisionReason":…}` on stdout with exit 0; only
 * deny is acted on (and the coding agent has nobody at a prompt), so ask is a refusal. Its
 * `apply_patch` sends the patch text as `toolArgs`, read as Codex's patches are.
 */
import { quoted, reasonText } from '../reason-text.js';
import type { AgentAdapter, GateDecision, HookAnswer, ToolCall } from '../tool-call.js';
import { jsonAnswer, noObjection } from './answers.js';
import {
  context,
  type Fields,
  InputError,
  inputObject,
  isFields,
  optionalString,
  pathField,
  parseJsonText,
  readInput,
  stringField,
  textEdit,
  toolName,
  unknownTool,
  wrong,
} from './input-fields.js';
import { patchCall } from './patch-call.js';

/**
 * Copilot's tools that change nothing in the repository. `write_bash` (input to a running
 * command), `report_progress` (commits and pushes) and `str_replace_editor`'s `insert` and
 * `undo_edit` are not among them. Copilot CLI's questions to the user (`ask_user`), its background
 * agents' status and output (`list_agents`, `read_agent`; `write_agent`, their input, is not
 * here), `show_file` (shows code or a diff to the user) and autopilot's `task_complete` (its
 * summary): github/copilot-cli `changelog.md` @9532bdac (1.0.78).
 */
export const COPILOT_READ_ONLY_TOOLS: readonly string[] = [
  'view',
  'glob',
  'grep',
  'web_fetch',
  'think',
  'report_intent',
  'read_bash',
  'list_bash',
  'stop_bash',
  'update_todo',
  'fetch_copilot_cli_documentation',
  'ask_user',
  'list_agents',
  'read_agent',
  'show_file',
  'task_complete',
];

export const copilotAdapter: AgentAdapter = {
  agent: 'copilot',
  read: (input) =>
    readInput('copilot', () => {
      const hook = inputObject(input);
      const tool = toolName(hook, 'toolName');
      // `preToolUse` is the only event this adapter reads; the input does not name its event.
      return {
        call: copilotCall(tool, hook),
        ...context(optionalString(hook, 'cwd'), optionalString(hook, 'sessionId'), 'preToolUse'),
      };
    }),
  render: renderCopilot,
};

/** `toolArgs`: a JSON text holding an object, or the object itself. */
function toolArgs(hook: Fields): Fields {
  const raw = hook.toolArgs;
  const value = typeof raw === 'string' ? parseJsonText(raw, 'toolArgs') : raw;
  if (!isFields(value)) throw new InputError(wrong('toolArgs', value, 'a JSON object'));
  return value;
}

/**
 * `apply_patch`'s `toolArgs`: the patch text itself, not JSON. It is a freeform tool (the GPT-5
 * models' editor, Codex's patch format): Copilot hands the hook the model's raw input and refuses
 * a JSON-wrapped one itself (sources: README.md, "GitHub Copilot"). Anything but a string (the
 * SDK's object form, whose shape for this tool no source gives) is refused unread.
 */
function patchText(hook: Fields): string {
  const raw = hook.toolArgs;
  if (typeof raw !== 'string') throw new InputError(wrong('toolArgs', raw, 'the patch text'));
  return raw;
}

function copilotCall(tool: string, hook: Fields): ToolCall {
  switch (tool) {
    case 'bash':
      return { kind: 'shell', tool, command: stringField(toolArgs(hook), 'command', 'toolArgs.command') };
    case 'create':
      return writeCall(tool, toolArgs(hook));
    case 'edit':
    case 'str_replace':
      return editCall(tool, toolArgs(hook));
    case 'str_replace_editor':
      return editorCall(tool, toolArgs(hook));
    case 'apply_patch':
      return patchCall(tool, patchText(hook), 'the apply_patch patch');
  }
  if (COPILOT_READ_ONLY_TOOLS.includes(tool)) return { kind: 'read', tool };
  return unknownTool(tool, 'a tool Slipway does not know (an MCP server tool, or one added since)');
}

/** `str_replace_editor {command, path, …}`: create and str_replace write, view reads. */
function editorCall(tool: string, args: Fields): ToolCall {
  const command = stringField(args, 'command', 'toolArgs.command');
  if (command === 'create') return writeCall(tool, args);
  if (command === 'str_replace') return editCall(tool, args);
  if (command === 'view') return { kind: 'read', tool };
  return unknownTool(
    tool,
    `str_replace_editor's ${quoted(command)}, which the gate cannot judge as a file change`,
  );
}

function writeCall(tool: string, args: Fields): ToolCall {
  return {
    kind: 'write',
    tool,
    path: pathField(args, 'path', 'toolArgs.path'),
    content: stringField(args, 'file_text', 'toolArgs.file_text'),
  };
}

function editCall(tool: string, args: Fields): ToolCall {
  const edit = textEdit(
    stringField(args, 'old_str', 'toolArgs.old_str'),
    stringField(args, 'new_str', 'toolArgs.new_str'),
    undefined,
    'toolArgs',
  );
  return { kind: 'edit', tool, path: pathField(args, 'path', 'toolArgs.path'), edits: [edit] };
}

function renderCopilot(decision: GateDecision): HookAnswer {
  if (decision.verdict === 'allow') return noObjection();
  const reason = reasonText(decision, decision.verdict === 'deny' ? 'deny' : 'ask-as-deny');
  return jsonAnswer({ permissionDecision: 'deny', permissionDecisionReason: reason });
}
