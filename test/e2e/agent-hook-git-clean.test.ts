import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// `git clean` removes what git does not track: judged by those files, not by every file under the
// path (which refused the common `git clean -fd` for the policy file it never touches).
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  '.gitignore': 'build/\n',
  'core/models.py': 'x = 1\n',
  'docs/a.md': '# A\n',
});

describe('slipway hook: git clean', () => {
  it('removing untracked scratch files passes; the tracked policy and protected files are not its targets', () => {
    mkdirSync(session.at('scratch'), { recursive: true });
    writeFileSync(session.at('scratch/tmp.txt'), 'x\n');
    writeFileSync(session.at('core/notes.tmp'), 'x\n');
    expect(session.decision('git clean -fd scratch')).toBe('allow');
    // An untracked file under a protected folder is still a protected file the clean removes.
    expect(session.decision('git clean -fd')).toMatch(/^ask .*PATH003.*core\/notes\.tmp/);
    expect(session.decision('git clean -fd')).not.toMatch(/\] (slipway\.yaml|core\/models\.py|\.gitignore):/);
    expect(session.decision('git clean -fd core')).toMatch(/^ask .*core\/notes\.tmp/);
  });

  it('-x removes ignored files too, -X only those; the gate counts what each removes', () => {
    mkdirSync(session.at('build/core'), { recursive: true });
    writeFileSync(session.at('build/core/out.txt'), 'x\n');
    expect(session.decision('git clean -fdX scratch')).toBe('allow');
    // The policy's own surface: a .claude/ settings file left untracked is removed by -x, not without.
    mkdirSync(session.at('.claude'), { recursive: true });
    writeFileSync(session.at('.claude/settings.json'), '{}\n');
    writeFileSync(session.at('.gitignore'), 'build/\n.claude/\n');
    expect(session.decision('git clean -fd .claude')).toBe('allow');
    expect(session.decision('git clean -fdx .claude')).toMatch(/^deny .*PATH004.*\.claude\/settings\.json/);
    expect(session.decision('git clean -fX')).toMatch(/^deny .*PATH004.*\.claude\/settings\.json/);
  });

  it('-ff removes an untracked repository nested in the tree, which -f leaves alone', () => {
    // `git ls-files --others` names a nested repository as `vendor/n/`: judged as no file at all.
    mkdirSync(session.at('vendor/n'), { recursive: true });
    writeFileSync(session.at('vendor/n/slipway.yaml'), 'version: 1\nproduction_branch: main\n');
    session.repo.git('init', '-q', '-b', 'main', 'vendor/n');
    try {
      expect(session.decision('git clean -ffdx vendor')).toMatch(/^deny .*PATH004.*vendor\/n\/slipway\.yaml/);
      expect(session.decision('git clean -f -f -d vendor')).toMatch(/^deny .*PATH004/);
      expect(session.decision('git clean --force -fd vendor')).toMatch(/^deny .*PATH004/);
      // Near miss: one -f skips the repository ("Would skip repository vendor/n").
      expect(session.decision('git clean -fdx vendor')).toBe('allow');
    } finally {
      rmSync(session.at('vendor'), { recursive: true, force: true });
    }
  });
});
