import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// zsh (the agents' shell on a Mac) reads a glob's trailing (…) as qualifiers that filter what the
// glob matches: `rm -f core/*(.)` removes every plain file in core/. bash's parser reads `*(.)` as
// an extglob group (nothing, or dots) that matches no file here, and the removal went through.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  '.claude/settings.json': '{}\n',
  'logs/a.log': 'x\n',
});

describe('slipway hook: zsh glob qualifiers', () => {
  it('judges a qualified glob by every file its glob matches', () => {
    expect(session.decision('rm -f core/*(.)')).toMatch(/^ask .*PATH003.*core\/models\.py/);
    expect(session.decision('rm -f .claude/*(D)')).toMatch(/^deny .*PATH004.*\.claude\/settings\.json/);
    // Near misses: a bash alternation that names no protected file, a read.
    expect(session.decision('rm -f logs/*.@(log|tmp)')).toBe('allow');
    expect(session.decision('ls core/*(.)')).toBe('allow');
  });
});
