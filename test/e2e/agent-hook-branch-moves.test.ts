import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Pointing the agent's own branch at a commit made elsewhere brings that commit's changes in
// without one write the gate judges: `git reset --soft evil` then a commit or a push. Found by
// attacking the commit judging: each of these was let through.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  'docs/a.md': '# A\n',
});
const git = (...args: string[]) => session.repo.git(...args);

beforeAll(() => {
  // A branch with a protected change, made outside the session; and one commit of the agent's own.
  git('checkout', '-q', '-b', 'evil', 'main');
  writeFileSync(session.at('core/models.py'), 'x = 666\n');
  git('commit', '-qam', 'evil');
  git('checkout', '-q', 'work');
  writeFileSync(session.at('docs/a.md'), '# A, edited\n');
  git('commit', '-qam', 'docs');
});

describe('slipway hook: moving the agent’s branch onto another commit', () => {
  it('asks when the branch is pointed at a commit that is not one of its own', () => {
    for (const command of [
      'git reset -q --soft evil',
      'git reset -q evil',
      'git update-ref HEAD evil',
      'git update-ref refs/heads/work evil',
      'git fetch -qu . evil:work',
      'git reset -q --soft "$(git rev-parse evil)"',
    ])
      expect(session.decision(command), command).toMatch(/^ask .*points this branch at/);
  });

  it('near misses: back onto its own commits, or another branch moved', () => {
    for (const command of ['git reset -q --soft HEAD~1', 'git reset -q HEAD~1', 'git reset -q main'])
      expect(session.decision(command), command).toBe('allow');
    expect(session.decision('git fetch -q . evil:other')).toBe('allow');
  });
});
