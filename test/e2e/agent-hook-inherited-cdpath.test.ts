import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { slipway } from '../helpers/cli.js';

// With CDPATH=.github exported, bash's `cd hooks && echo {} > a.json` wrote .github/hooks/a.json
// (Copilot's hooks: policy surface), which read without CDPATH is a file of hooks/. The agent's
// shell inherits the environment the hook runs in, so the hook reads a relative cd under its own
// CDPATH as going somewhere it cannot tell.
const session = new AgentSession({
  'slipway.yaml': 'version: 1\nproduction_branch: main\n',
  '.github/hooks/slipway.json': '{}\n',
  'hooks/readme.md': 'x\n',
});

function decision(command: string, env: Record<string, string>): string {
  const r = slipway(['hook', 'claude'], {
    cwd: session.dir,
    env,
    input: JSON.stringify(session.claude('Bash', { command })),
  });
  if (r.code === 2) return `deny ${r.stderr}`;
  const out = r.stdout ? JSON.parse(r.stdout).hookSpecificOutput : undefined;
  return out ? `${out.permissionDecision} ${out.permissionDecisionReason}` : 'allow';
}

describe('slipway hook: a CDPATH the agent shell inherits', () => {
  it('a relative cd then a write is not judged as a write of the folder beside it', () => {
    expect(decision('cd hooks && echo {} > a.json', { CDPATH: '.github' })).toMatch(
      /^(deny|ask) .*a\.json is relative to a directory a cd before it moved to \(CDPATH is set/,
    );
  });

  it('near misses: the same command without CDPATH, and ./hooks under it, write hooks/a.json', () => {
    expect(decision('cd hooks && echo {} > a.json', { CDPATH: '' })).toBe('allow');
    expect(decision('cd ./hooks && echo {} > a.json', { CDPATH: '.github' })).toBe('allow');
  });
});
