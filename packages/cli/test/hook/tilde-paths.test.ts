import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HookInput, ToolCall } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { judgeCall } from '../../src/hook/judge-call.js';

// A file tool's path that starts with `~`: Claude Code's Write writes it as written (a folder
// named `~` in the working directory), an adapter that expands it (OpenClaw's edit and write
// tools do) writes the user's home file. The gate judges both files it may land in, in a real
// repository with a home folder beside it that no policy governs.
let repo: TempRepo;
const home = realpathSync(mkdtempSync(join(tmpdir(), 'slipway-home-')));
const env = { PATH: process.env.PATH ?? '', HOME: home };
const judge = (call: ToolCall, agent: HookInput['agent'] = 'claude') =>
  judgeCall({ agent, call }, repo.dir, env).then((j) => j.decision);
const write = (path: string, content: string): ToolCall => ({ kind: 'write', tool: 'Write', path, content });

beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nproduction_branch: main\nmigrations:\n  sql: ["db/*.sql"]\n',
    'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  });
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'init');
  repo.git('checkout', '-qb', 'work');
});
afterAll(() => {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('a file tool path that starts with ~', () => {
  it('asks before a Write, an Edit or a patch of ~/.bashrc, as of the home file it may expand to', async () => {
    const alias = "alias ls='rm slipway.yaml'\n";
    const calls: ToolCall[] = [
      write('~/.bashrc', alias),
      { kind: 'edit', tool: 'Edit', path: '~/.gitconfig', edits: [{ oldText: 'a', newText: 'b' }] },
      {
        kind: 'patch',
        tool: 'apply_patch',
        files: [{ op: 'add', path: '~/.codex/config.toml', content: '' }],
      },
    ];
    for (const call of calls) {
      const d = await judge(call);
      // Read as written, Codex's settings are the repository's policy surface too (refused there).
      expect(d.verdict, JSON.stringify(call)).toMatch(/^(ask|deny)$/);
      expect(d.reasons.map((r) => r.message)).toContainEqual(
        expect.stringMatching(new RegExp(`writes ${home}/\\S+, .* outside the repository`)),
      );
    }
  });

  it('asks of a path under another user’s home, which Slipway cannot name', async () => {
    const d = await judge(write('~slipway-nobody/.bashrc', 'x\n'));
    expect(d.verdict).toBe('ask');
    expect(d.reasons[0]?.message).toMatch(/~slipway-nobody\/\.bashrc, .* another user's home folder/);
  });

  it('still judges the literal folder `~` inside the repository by its policy', async () => {
    // The agent's settings at any depth of the repository are its policy surface (PATH004).
    const d = await judge(write('~/.claude/settings.json', '{"disableAllHooks": true}'));
    expect(d.verdict).toBe('deny');
    expect(d.reasons.map((r) => r.ruleId)).toContain('PATH004');
  });

  it('near misses: a plain home file, a `~` inside a name, a repository path are let through', async () => {
    expect(await judge(write('~/notes/todo.md', 'x\n'))).toEqual({ verdict: 'allow', reasons: [] });
    expect(await judge(write('docs/~/.bashrc', 'x\n'))).toEqual({ verdict: 'allow', reasons: [] });
    expect(await judge(write('docs/a~b.md', 'x\n'))).toEqual({ verdict: 'allow', reasons: [] });
  });
});
