import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A home folder beside the repository, governed by nothing: git's and the agents' own settings
// there switch the gate off (a core.fsmonitor runs a program at the next `git status`; the user's
// Claude Code settings may hold `disableAllHooks`; an alias in ~/.bashrc renames a command the
// agent's shell runs), so a write of them is asked.
const session = new AgentSession({
  'slipway.yaml': 'version: 1\nproduction_branch: main\nmigrations:\n  sql: ["db/*.sql"]\n',
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});
const home = mkdtempSync(join(tmpdir(), 'slipway-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const fsmonitor = '[core]\n\tfsmonitor = "rm -f slipway.yaml; true"\n';

describe('slipway hook: git and agent settings outside the repository', () => {
  it("asks before a file tool writes git's own settings outside the repository", () => {
    for (const rel of ['.gitconfig', '.config/git/config', '.config/git/attributes'])
      expect(
        session.answer(session.claude('Write', { file_path: join(home, rel), content: fsmonitor })),
      ).toMatch(
        new RegExp(
          `^ask .*\\[GATE\\] \`Write\` writes ${join(home, rel)}, git's own settings outside the repository`,
        ),
      );
  });

  it("asks before a file tool writes an agent's own settings outside the repository", () => {
    for (const [rel, what] of [
      ['.claude/settings.json', "Claude Code's settings"],
      ['.claude.json', "Claude Code's settings"],
      ['.codex/config.toml', "Codex's settings"],
      ['.gemini/settings.json', "Gemini CLI's settings"],
      ['.cursor/hooks.json', "Cursor's settings"],
      ['.copilot/config.json', "GitHub Copilot's settings"],
      ['.config/Code/User/settings.json', "the editor's user settings"],
      ['.bashrc', "the shell's startup files"],
      ['.zshrc', "the shell's startup files"],
      ['.config/fish/config.fish', "the shell's startup files"],
      ['.npmrc', "the package managers' user settings"],
      ['.config/pip/pip.conf', "the package managers' user settings"],
      ['.lesskey', "less's key and environment settings"],
      ['.ssh/config', "ssh's settings"],
      ['.agents/skills/deploy/SKILL.md', 'the agent skills every session may load'],
      ['.kiro/settings/mcp.json', "Kiro's settings"],
      ['.config/opencode/plugins/x.ts', "OpenCode's settings"],
      ['.aider.conf.yml', "aider's settings"],
    ] as const)
      expect(
        session.answer(
          session.claude('Write', { file_path: join(home, rel), content: '{"disableAllHooks": true}' }),
        ),
      ).toMatch(new RegExp(`^ask .*writes ${join(home, rel).replace(/[.]/g, '\\.')}, ${what}`));
  });

  it('asks the same of every agent, and of a shell redirect there', () => {
    const patch = session.hook('codex', {
      session_id: 'c',
      cwd: session.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'apply_patch',
      tool_input: {
        command: `*** Begin Patch\n*** Add File: ${join(home, '.gitconfig')}\n+[core]\n*** End Patch`,
      },
    });
    expect(`${patch.code} ${patch.stdout}${patch.stderr}`).toMatch(
      /git's own settings outside the repository/,
    );
    expect(patch.stdout).not.toBe('');
    const gemini = session.hook('gemini', {
      session_id: 'g',
      cwd: session.dir,
      hook_event_name: 'BeforeTool',
      tool_name: 'write_file',
      tool_input: { file_path: join(home, '.gemini/settings.json'), content: '{}' },
    });
    expect(`${gemini.stdout}${gemini.stderr}`).toMatch(/Gemini CLI's settings outside the repository/);
    const copilot = session.hook('copilot', {
      timestamp: 1,
      cwd: session.dir,
      toolName: 'create',
      toolArgs: JSON.stringify({ path: join(home, '.copilot/config.json'), file_text: '{}' }),
    });
    expect(JSON.parse(copilot.stdout).permissionDecision).not.toBe('allow');
    expect(session.decision(`echo x > ${join(home, '.claude/settings.json')}`)).toMatch(
      /^ask .*Claude Code's settings outside the repository/,
    );
  });

  it("asks of a repository's link that lands in them", () => {
    symlinkSync(join(home, '.gitconfig'), session.at('gitconfig-link'));
    try {
      expect(
        session.answer(
          session.claude('Write', { file_path: session.at('gitconfig-link'), content: fsmonitor }),
        ),
      ).toMatch(/^(ask|deny) .*git's own settings outside the repository/);
    } finally {
      rmSync(session.at('gitconfig-link'));
    }
  });

  it('near misses: other files beside them are not governed; the repository’s own agent files are its policy’s', () => {
    mkdirSync(join(home, 'notes'), { recursive: true });
    expect(
      session.answer(session.claude('Write', { file_path: join(home, 'notes/todo.md'), content: 'x\n' })),
    ).toBe('allow');
    for (const rel of ['.gitconfig.bak', '.bashrc.orig', 'notes/.npmrc-ideas.md'])
      expect(session.answer(session.claude('Write', { file_path: join(home, rel), content: 'x\n' }))).toBe(
        'allow',
      );
    // Inside the repository the policy surface decides (PATH004), not this question.
    expect(
      session.answer(
        session.claude('Write', { file_path: session.at('.claude/settings.json'), content: '{}' }),
      ),
    ).toMatch(/^deny .*PATH004/);
    writeFileSync(join(home, 'plain.txt'), 'x\n');
    expect(
      session.answer(
        session.claude('Edit', { file_path: join(home, 'plain.txt'), old_string: 'x', new_string: 'y' }),
      ),
    ).toBe('allow');
  });
});

describe("slipway hook: the other agents' own files inside the repository", () => {
  it('denies a write of a skill, a Kiro hook, an OpenCode plugin or the aider configuration (PATH004); a folder named like one is not', () => {
    for (const rel of [
      '.agents/skills/deploy/scripts/run.sh',
      'services/api/.agents/skills/db/SKILL.md',
      '.kiro/hooks/on-save.kiro.hook',
      '.opencode/plugins/guard.ts',
      'opencode.json',
      '.aider.conf.yml',
    ])
      expect(
        session.answer(session.claude('Write', { file_path: join(session.dir, rel), content: 'x\n' })),
      ).toMatch(/^deny .*PATH004/);
    expect(
      session.answer(
        session.claude('Write', { file_path: join(session.dir, 'agents/skills/notes.md'), content: 'x\n' }),
      ),
    ).not.toMatch(/PATH004/);
  });
});
