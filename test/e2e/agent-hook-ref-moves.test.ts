import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// The gate judges an agent's work against the production branch as the clone holds it: a command
// that moves that branch locally must not pass as harmless git bookkeeping. Found by trying: with
// two files committed under a cap of two, `git branch -f main HEAD` was let through, and the third
// file's Write, asked of a human before, then passed (the branch had no change left to count).
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
agents:
  branches: ["work"]
  limits:
    files: 2
`,
  'docs/a.md': 'a\n',
});
const bash = (command: string) => session.hook('claude', session.claude('Bash', { command }));
const write = (rel: string) =>
  session.hook('claude', session.claude('Write', { file_path: session.at(rel), content: 'x\n' }));

describe('slipway hook: moving the production branch in the clone', () => {
  it('refuses the moves that empty the change the caps count, and the caps still hold', () => {
    session.repo.write({ 'docs/b.md': 'b\n', 'docs/c.md': 'c\n' });
    session.repo.git('add', '-A');
    session.repo.git('commit', '-qm', 'two files');
    // Two files committed: a third one is over the cap.
    expect(JSON.parse(write('docs/d.md').stdout).hookSpecificOutput.permissionDecisionReason).toMatch(
      /AGT001.*3 files/,
    );
    expect(write('docs/b.md')).toMatchObject({ code: 0, stdout: '' });
    for (const command of [
      'git branch -f main HEAD',
      'git update-ref refs/heads/main HEAD',
      'git checkout -B main',
      'git fetch . HEAD:main',
      'git branch -D main',
    ]) {
      const r = bash(command);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toMatch(/\[BR001\].*moves `refs\/heads\/main`, the production branch main/);
    }
  });

  it('near miss: moving the agent branch itself, and fetching origin as it is, pass', () => {
    for (const command of [
      'git branch -f work HEAD',
      'git checkout -b work-2',
      'git fetch origin refs/heads/main:refs/heads/main',
    ])
      expect(bash(command), command).toMatchObject({ code: 0, stdout: '' });
  });
});
