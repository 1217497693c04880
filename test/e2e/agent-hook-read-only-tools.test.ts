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
