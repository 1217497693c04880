/**
 * Claude Code's `PreToolUse` hook (sources: README.md, "Claude Code"). Input: `session_id`, `cwd`,
 * `hook_event_name`, `tool_name`, `tool_input`. Answer: a refusal is exit 2 with the reason on
 * stderr (exit 1 would let the call run); asking is exit 0 with
 * `hookSpecificOutput.permissionDecision: "ask"`, whose reason Claude shows at its prompt.
 */
import { LIMITS } from '../../limits.js';
import { reasonText } from '../reason-text.js';
import type { AgentAdapter, GateDecision, HookAnswer, ToolCall } from '../tool-call.js';
import { blockingAnswer, jsonAnswer, noObjection } from './answers.js';
import {
  context,
  eventField,
  type Fields,
  InputError,
  inputObject,
  isFields,
  objectField,
  optionalBoolean,
  optionalString,
  pathField,
  readInput,
  replaceEdit,
  stringField,
  toolName,
  unknownTool,
} from './input-fields.js';

/**
 * Claude Code's tools that change nothing in the repository: they read, search, fetch, plan, load
 * a skill's instructions, read an MCP server's resources (not its tools), ask a language server
 * (`LSP`: definitions, references, hover, symbols, call hierarchies, nothing that renames or
 * fixes), read or stop a background task (`TaskOutput` and `TaskStop`, BashOutput's and
 * KillShell's current names), or start a subagent (whose own tool calls come through this hook
 * one by one). Sources: https://code.claude.com/docs/en/tools-reference; Claude Code's
 * `src/tools/LSPTool/LSPTool.ts` (`isReadOnly`, the operations), `TaskOutputTool/TaskOutputTool.tsx`
 * and `TaskStopTool/TaskStopTool.ts` (`aliases`), read in the `@anthropic-ai/claude-code` 2.1.88 package as published on npm (its source map).
 * `SlashCommand` is not among them: a custom command may run shell lines of its own; nor
 * `EnterWorktree` (it makes a worktree and a branch) or `CronCreate` (a prompt run later).
 */
export const CLAUDE_READ_ONLY_TOOLS: readonly string[] = [
  'Read',
  'Glob',
  'Grep',
  'LS',
  'NotebookRead',
  'WebFetch',
  'WebSearch',
  'TodoWrite',
  'TodoRead',
  'Task',
  'Agent',
  'ExitPlanMode',
  'BashOutput',
  'KillShell',
  'KillBash',
  'AskUserQuestion',
  'EnterPlanMode',
  'Skill',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
  'LSP',
  'TaskOutput',
  'TaskStop',
];

export const claudeAdapter: AgentAdapter = {
  agent: 'claude',
  read: (input) =>
    readInput('claude', () => {
      const hook = inputObject(input);
      const tool = toolName(hook, 'tool_name');
      const call = claudeCall(tool, objectField(hook, 'tool_input'));
      return {
        call,
        ...context(
          optionalString(hook, 'cwd'),
          optionalString(hook, 'session_id'),
          eventField(hook, 'PreToolUse'),
        ),
      };
    }),
  render: (decision) => renderClaudeStyle(decision, 'ask'),
};

/** A Claude Code tool call (Write, Edit, MultiEdit, NotebookEdit, Bash, the read-only tools; the rest unknown). */
function claudeCall(tool: string, args: Fields): ToolCall {
  switch (tool) {
    case 'Write':
      return {
        kind: 'write',
        tool,
        path: pathField(args, 'file_path', 'tool_input.file_path'),
        content: stringField(args, 'content', 'tool_input.content'),
      };
    case 'Edit':
      return {
        kind: 'edit',
        tool,
        path: pathField(args, 'file_path', 'tool_input.file_path'),
        edits: [claudeEdit(args, 'tool_input')],
      };
    case 'MultiEdit':
      return {
        kind: 'edit',
        tool,
        path: pathField(args, 'file_path', 'tool_input.file_path'),
        edits: multiEdits(args.edits),
      };
    case 'Bash':
      return { kind: 'shell', tool, command: stringField(args, 'command', 'tool_input.command') };
    case 'NotebookEdit':
      // A cell replaced, inserted or deleted in the notebook's JSON: the file changes, its text
      // after is not computed here (no rule reads a notebook), so its path is what is judged.
      return {
        kind: 'write',
        tool,
        path: pathField(args, 'notebook_path', 'tool_input.notebook_path'),
        content: undefined,
      };
  }
  if (CLAUDE_READ_ONLY_TOOLS.includes(tool)) return { kind: 'read', tool };
  if (tool.startsWith('mcp__')) return unknownTool(tool, 'an MCP server tool, which may write anything');
  return unknownTool(tool, 'a tool Slipway does not know');
}

/**
 * One of Claude's replacements. An empty `old_string` is read, not refused: Claude's Edit creates
 * the file with `new_string` (`applyReplaceEdits` says when, and where Claude refuses it).
 */
function claudeEdit(args: Fields, where: string) {
  return replaceEdit(
    stringField(args, 'old_string', `${where}.old_string`),
    stringField(args, 'new_string', `${where}.new_string`),
    optionalBoolean(args, 'replace_all', `${where}.replace_all`),
  );
}

function multiEdits(edits: unknown) {
  if (!Array.isArray(edits)) throw new InputError('tool_input.edits is not a list');
  if (edits.length === 0) throw new InputError('tool_input.edits is empty');
  if (edits.length > LIMITS.agentGate.edits) {
    throw new InputError(
      `tool_input.edits has ${edits.length} edits, past the limit of ${LIMITS.agentGate.edits}`,
    );
  }
  return edits.map((edit, i) => {
    const where = `tool_input.edits[${i}]`;
    if (!isFields(edit)) throw new InputError(`${where} is not an object`);
    return claudeEdit(edit, where);
  });
}

/**
 * Claude Code's answer, which Codex reads too (its `PreToolUse` took Claude's protocol). `ask` is
 * `'ask'` where the agent asks at its prompt, or `'deny'` where it cannot (Codex).
 */
export function renderClaudeStyle(decision: GateDecision, ask: 'ask' | 'deny'): HookAnswer {
  if (decision.verdict === 'allow') return noObjection();
  const denied = decision.verdict === 'deny' || ask === 'deny';
  const reason = reasonText(decision, decision.verdict === 'deny' ? 'deny' : denied ? 'ask-as-deny' : 'ask');
  const body = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: denied ? 'deny' : 'ask',
      permissionDecisionReason: reason,
    },
  };
  return denied ? blockingAnswer(reason, body) : jsonAnswer(body);
}
