/**
 * Cursor's hooks (sources: README.md, "Cursor"). One command answers the events that can refuse:
 * `preToolUse` (every tool: the only event that can stop a file edit before it happens),
 * `beforeShellExecution` (`command`, `cwd`), `beforeMCPExecution` and `beforeReadFile`; the input's
 * `hook_event_name` says which. Answer: `{"permission":"allow"|"deny"|"ask", …}` on stdout with
 * exit 0 (a non-zero exit other than 2 lets the call run), the reason both as the message the
 * person sees and the one the model sees, in both spellings Cursor's releases have used.
 * `beforeReadFile` has no "ask": there ask is a refusal.
 */
import { quoted, reasonText } from '../reason-text.js';
import {
  type AgentAdapter,
  type GateDecision,
  type HookAnswer,
  type HookInput,
  isAbsoluteAgentPath,
  type ToolCall,
} from '../tool-call.js';
import { jsonAnswer, noObjection } from './answers.js';
import {
  context,
  inDirectory,
  type Fields,
  InputError,
  inputObject,
  nonEmptyPath,
  objectField,
  oneOfStrings,
  optionalBoolean,
  optionalString,
  readInput,
  stringField,
  textEdit,
  toolName,
  unknownTool,
} from './input-fields.js';

/**
 * Cursor's agent tools (as `preToolUse` names them) that change nothing in the repository. Names
 * from public `.cursor/hooks.json` matchers and cursor-agent's tool list (docs.rs rho-coding-agent
 * `src/agent/cursor_tools.rs`); `WriteShellStdin` (input to a running command) and
 * `ApplyAgentDiff` (writes) are not among them.
 */
export const CURSOR_READ_ONLY_TOOLS: readonly string[] = [
  'Read',
  'Grep',
  'Glob',
  'LS',
  'Ls',
  'SemSearch',
  'SemanticSearch',
  'UpdateTodos',
  'ReadTodos',
  'WebSearch',
  'WebFetch',
  'ReadLints',
  'TodoWrite',
  'Task',
];

/** The events whose answer Cursor reads as a permission. */
const EVENTS = ['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile'];

export const cursorAdapter: AgentAdapter = {
  agent: 'cursor',
  read: (input) =>
    readInput('cursor', () => {
      const hook = inputObject(input);
      const event = stringField(hook, 'hook_event_name');
      if (!EVENTS.includes(event)) {
        throw new InputError(
          `hook_event_name ${quoted(event)} is not an event the gate answers (${EVENTS.join(', ')})`,
        );
      }
      const { call, cwd } = cursorCall(event, hook);
      const roots = Array.isArray(hook.workspace_roots) ? hook.workspace_roots : [];
      const projects = workspaceRoots(roots);
      // The first root is the agent's folder when the event gives no `cwd` (a relative one refused).
      const first = typeof roots[0] === 'string' ? roots[0] : undefined;
      return {
        call,
        ...context(cwd ?? first, optionalString(hook, 'conversation_id'), event),
        ...(projects.length > 0 ? { projects } : {}),
      };
    }),
  render: renderCursor,
};

function cursorCall(event: string, hook: Fields): { call: ToolCall; cwd?: string } {
  switch (event) {
    case 'beforeShellExecution': {
      const call: ToolCall = { kind: 'shell', tool: 'Shell', command: stringField(hook, 'command') };
      const cwd = optionalString(hook, 'cwd');
      return cwd === undefined ? { call } : { call, cwd };
    }
    case 'beforeMCPExecution':
      return {
        call: unknownTool(
          `MCP:${toolName(hook, 'tool_name')}`,
          'an MCP server tool, which may write anything',
        ),
      };
    case 'beforeReadFile':
      return { call: { kind: 'read', tool: 'Read' } };
  }
  return preToolUse(hook);
}

/**
 * `preToolUse {tool_name, tool_input}`. The field names of Cursor's write tools are read in each
 * spelling seen (`file_path`/`path`, `contents`/`content`); two given with different values are
 * refused, as is a write tool whose input has none of them.
 */
function preToolUse(hook: Fields): { call: ToolCall; cwd?: string } {
  const tool = toolName(hook, 'tool_name');
  const cwd = optionalString(hook, 'cwd');
  const at = (call: ToolCall) => (cwd === undefined ? { call } : { call, cwd });
  switch (tool) {
    case 'Shell': {
      const args = objectField(hook, 'tool_input');
      const dir = optionalString(args, 'working_directory', 'tool_input.working_directory');
      const call: ToolCall = {
        kind: 'shell',
        tool,
        command: stringField(args, 'command', 'tool_input.command'),
      };
      return dir === undefined ? at(call) : { call, cwd: inDirectory(cwd, dir) };
    }
    case 'Write': {
      const args = objectField(hook, 'tool_input');
      return at({
        kind: 'write',
        tool,
        path: filePath(args),
        content: oneOfStrings(args, ['contents', 'content'], 'tool_input'),
      });
    }
    case 'StrReplace':
    case 'Edit': {
      const args = objectField(hook, 'tool_input');
      const edit = textEdit(
        stringField(args, 'old_string', 'tool_input.old_string'),
        stringField(args, 'new_string', 'tool_input.new_string'),
        optionalBoolean(args, 'replace_all', 'tool_input.replace_all'),
        'tool_input',
      );
      return at({ kind: 'edit', tool, path: filePath(args), edits: [edit] });
    }
    case 'Delete':
      return at({
        kind: 'patch',
        tool,
        files: [{ op: 'delete', path: filePath(objectField(hook, 'tool_input')) }],
      });
  }
  if (CURSOR_READ_ONLY_TOOLS.includes(tool)) return at({ kind: 'read', tool });
  if (tool.startsWith('MCP:')) return at(unknownTool(tool, 'an MCP server tool, which may write anything'));
  return at(unknownTool(tool, 'a tool Slipway does not know'));
}

function filePath(args: Fields): string {
  return nonEmptyPath(oneOfStrings(args, ['file_path', 'path'], 'tool_input'), 'tool_input.file_path');
}

/** The absolute paths of `workspace_roots`, the folders the session is open on; at most 64 read. */
function workspaceRoots(roots: unknown[]): string[] {
  return roots.slice(0, 64).filter((r): r is string => typeof r === 'string' && isAbsoluteAgentPath(r));
}

function renderCursor(decision: GateDecision, input: HookInput | undefined): HookAnswer {
  if (decision.verdict === 'allow') return noObjection('{}\n');
  const canAsk = input?.event !== 'beforeReadFile';
  const permission = decision.verdict === 'ask' && canAsk ? 'ask' : 'deny';
  const reason = reasonText(decision, decision.verdict === 'deny' ? 'deny' : canAsk ? 'ask' : 'ask-as-deny');
  return jsonAnswer({
    permission,
    user_message: reason,
    agent_message: reason,
    userMessage: reason,
    agentMessage: reason,
  });
}
