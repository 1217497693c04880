import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Read-only tools reach the hook when it is registered for every tool (`matcher: "*"`, as init
// writes it): each is let through, whatever the policy (agents/README.md lists their sources).
const session = new AgentSession({
  'slipway.yaml': 'version: 1\nproduction_branch: main\nagents:\n  allowed: [docs/]\n',
  'src/orders.ts': 'export const total = 1;\n',
});
const tool = (name: string, input: unknown) => session.answer(session.claude(name, input));

describe('slipway hook claude: code intelligence and background tasks only read', () => {
  it('LSP, TaskOutput and TaskStop are let through (near miss: a tool it does not know is refused)', () => {
    const lsp = {
      operation: 'findReferences',
      filePath: session.at('src/orders.ts'),
      line: 1,
      character: 14,
    };
    expect(tool('LSP', lsp)).toBe('allow');
    expect(tool('TaskOutput', { task_id: 'b1', block: true, timeout: 1000 })).toBe('allow');
    expect(tool('TaskStop', { task_id: 'b1' })).toBe('allow');
    expect(tool('LSPRename', lsp)).toMatch(/^deny /);
  });
});

/** Gemini CLI's decision on one tool call, as one line: `deny <reason>` (exit 2) or `allow` (`{}`). */
const gemini = (tool_name: string, tool_input: unknown): string => {
  const r = session.hook('gemini', {
    session_id: 's-gemini',
    cwd: session.dir,
    hook_event_name: 'BeforeTool',
    tool_name,
    tool_input,
  });
  return r.code === 2 ? `deny ${r.stderr}` : r.stdout.trim() === '{}' ? 'allow' : `? ${r.code} ${r.stdout}`;
};

describe('slipway hook gemini: tools of Kind Read and Search, and a subagent’s last call', () => {
  it('MCP resources, background shells’ output, the task tracker’s reads and complete_task are let through', () => {
    expect(gemini('read_mcp_resource', { serverName: 'docs', uri: 'docs://guide' })).toBe('allow');
    expect(gemini('list_mcp_resources', {})).toBe('allow');
    expect(gemini('list_background_processes', {})).toBe('allow');
    expect(gemini('read_background_output', { pid: 4242 })).toBe('allow');
    expect(gemini('tracker_get_task', { id: 't1' })).toBe('allow');
    expect(gemini('tracker_list_tasks', {})).toBe('allow');
    expect(gemini('tracker_visualize', {})).toBe('allow');
    expect(gemini('complete_task', { result: 'done' })).toBe('allow');
  });

  it('near misses: the tracker’s writes (Kind.Edit) and a subagent call stay refused as unknown', () => {
    expect(gemini('tracker_create_task', { title: 't' })).toMatch(
      /^deny .*does not know the tool `tracker_create_task`/,
    );
    expect(gemini('invoke_agent', { agent: 'generalist' })).toMatch(/^deny .*`invoke_agent`/);
  });
});

/** Codex's decision on one tool call: `deny <reason>` (exit 2) or `allow` (exit 0, nothing). */
const codex = (tool_name: string, tool_input: unknown): string => {
  const r = session.hook('codex', {
    session_id: 's-codex',
    cwd: session.dir,
    hook_event_name: 'PreToolUse',
    tool_name,
    tool_input,
  });
  return r.code === 2
    ? `deny ${r.stderr}`
    : r.code === 0 && r.stdout === ''
      ? 'allow'
      : `? ${r.code} ${r.stdout}`;
};

describe('slipway hook codex: an MCP server’s resources listed or read (every function tool is hooked)', () => {
  it('list_mcp_resources, list_mcp_resource_templates and read_mcp_resource are let through', () => {
    expect(codex('list_mcp_resources', { server: 'docs' })).toBe('allow');
    expect(codex('list_mcp_resource_templates', {})).toBe('allow');
    expect(codex('read_mcp_resource', { server: 'docs', uri: 'docs://guide' })).toBe('allow');
  });

  it('near misses: code run by js_repl and an MCP server’s own tool stay refused', () => {
    expect(codex('js_repl', { code: 'require("fs").rmSync("src", {recursive: true})' })).toMatch(
      /^deny .*`js_repl`/,
    );
    expect(codex('mcp__docs__write_page', { uri: 'docs://guide' })).toMatch(/^deny .*MCP server tool/);
  });
});

/** Copilot's decision: `deny <reason>` (`permissionDecision: "deny"`) or `allow` (nothing). */
const copilot = (toolName: string, args: unknown): string => {
  const r = session.hook('copilot', {
    timestamp: 1,
    cwd: session.dir,
    toolName,
    toolArgs: JSON.stringify(args),
  });
  const out = r.stdout.trim();
  return out === '' && r.code === 0 ? 'allow' : out.includes('"deny"') ? `deny ${out}` : `? ${r.code} ${out}`;
};

describe('slipway hook copilot: questions, background agents’ output, shown files, a task’s end', () => {
  it('ask_user, list_agents, read_agent, show_file and task_complete are let through', () => {
    expect(copilot('ask_user', { question: 'Which database?' })).toBe('allow');
    expect(copilot('list_agents', {})).toBe('allow');
    expect(copilot('read_agent', { agent_id: 'a1' })).toBe('allow');
    expect(copilot('show_file', { path: session.at('src/orders.ts') })).toBe('allow');
    expect(copilot('task_complete', { summary: 'Done' })).toBe('allow');
  });

  it('near misses: input to a background agent, SQL and PowerShell stay refused as unknown', () => {
    expect(copilot('write_agent', { agent_id: 'a1', message: 'drop the table' })).toMatch(
      /^deny .*write_agent/,
    );
    expect(copilot('sql', { query: 'DELETE FROM todos' })).toMatch(/^deny .*sql/);
    expect(copilot('powershell', { command: 'Remove-Item -Recurse src' })).toMatch(/^deny .*powershell/);
  });
});
