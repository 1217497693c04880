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
