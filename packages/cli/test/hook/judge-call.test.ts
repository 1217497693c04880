import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { HookInput, ToolCall } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { judgeCall } from '../../src/hook/judge-call.js';

// The agent gate's decision on real tool calls, in a real repository: the engine judges the
// call as part of the session's change under the base's policy. Each refusal has its near miss.
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [billing/]
agents:
  branches: ["auto/*"]
  allowed: [src/, docs/, db/migrations/, billing/]
migrations:
  sql: ["db/migrations/*.sql"]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
  label: approved-dependency-upgrade
`;

let repo: TempRepo;
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const judge = (call: ToolCall, agent: HookInput['agent'] = 'claude') =>
  judgeCall({ agent, call }, repo.dir, env).then((j) => j.decision);
const write = (path: string, content: string): ToolCall => ({ kind: 'write', tool: 'Write', path, content });

beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': POLICY,
    'src/app.py': 'print("hi")\n',
    'docs/guide.md': '# Guide\n',
    'billing/charge.py': 'def charge(): pass\n',
    'db/migrations/001_init.sql': 'CREATE TABLE users (id int);\n',
    'requirements.txt': 'requests==2.31.0\n',
    'requirements.lock': 'requests==2.31.0\n',
  });
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'init');
  repo.git('checkout', '-qb', 'feature');
});
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

describe('files the policy reads by path', () => {
  it('lets a Write to docs through', async () => {
    expect(await judge(write('docs/new.md', '# New\n'))).toEqual({ verdict: 'allow', reasons: [] });
  });

  it('asks a human for a Write to a protected path (a label settles it)', async () => {
    const d = await judge(write('billing/refund.py', 'x = 1\n'));
    expect(d.verdict).toBe('ask');
    expect(d.reasons.map((r) => r.ruleId)).toEqual(['PATH003']);
    expect(d.reasons[0]?.instead).toMatch(/approval label/);
  });

  it("refuses a Write outside the agents' allowed paths", async () => {
    const d = await judge(write('infra/deploy.sh', 'echo\n'));
    expect(d.verdict).toBe('deny');
    expect(d.reasons.map((r) => r.ruleId)).toContain('PATH002');
  });

  it("refuses an edit of the agent's own hook settings and of the policy", async () => {
    for (const path of ['.claude/settings.json', 'slipway.yaml', 'docs/AGENTS.md']) {
      const d = await judge(write(path, '{}\n'));
      expect(d.verdict, path).toBe('deny');
      expect(
        d.reasons.map((r) => r.ruleId),
        path,
      ).toContain('PATH004');
    }
  });

  it('refuses a write into the git directory, and one through a link that leaves the repository', async () => {
    expect((await judge(write('.git/hooks/pre-commit', '#!/bin/sh\n'))).verdict).toBe('deny');
    mkdirSync(join(repo.dir, 'docs'), { recursive: true });
    symlinkSync('/tmp', join(repo.dir, 'docs/out'));
    try {
      const d = await judge(write('docs/out/x.md', 'x\n'));
      expect(d.verdict).toBe('deny');
      expect(d.reasons[0]?.message).toMatch(/outside the repository through a symbolic link/);
    } finally {
      rmSync(join(repo.dir, 'docs/out'));
    }
  });

  it('judges a write through a link inside the repository at the file it reaches', async () => {
    symlinkSync('../slipway.yaml', join(repo.dir, 'docs/policy-link.md'));
    try {
      const d = await judge(write('docs/policy-link.md', 'version: 1\n'));
      expect(d.verdict).toBe('deny');
      expect(d.reasons.map((r) => r.path)).toContain('slipway.yaml');
    } finally {
      rmSync(join(repo.dir, 'docs/policy-link.md'));
    }
  });
});

describe('files a rule reads the text of', () => {
  it('refuses a migration that drops a table before it is on disk, and lets a harmless one through', async () => {
    const drop = await judge(write('db/migrations/002_drop.sql', 'DROP TABLE users;\n'));
    expect(drop.verdict).toBe('deny');
    expect(drop.reasons.map((r) => r.ruleId)).toContain('MIG001');
    const add = await judge(write('db/migrations/002_add.sql', 'CREATE TABLE notes (id int);\n'));
    expect(add).toEqual({ verdict: 'allow', reasons: [] });
  });

  it('judges an Edit by the text after it, and lets an edit that fixes nothing new through', async () => {
    const edit: ToolCall = {
      kind: 'edit',
      tool: 'Edit',
      path: join(repo.dir, 'db/migrations/001_init.sql'),
      edits: [{ oldText: 'CREATE TABLE users (id int);', newText: 'DROP TABLE users;' }],
    };
    expect((await judge(edit)).reasons.map((r) => r.ruleId)).toContain('MIG001');
    const rename: ToolCall = {
      kind: 'edit',
      tool: 'Edit',
      path: 'db/migrations/001_init.sql',
      edits: [{ oldText: '(id int)', newText: '(id bigint)' }],
    };
    expect((await judge(rename)).verdict).toBe('allow');
  });

  it('asks for a dependency change, and refuses one that breaks the lock', async () => {
    const d = await judge(write('requirements.txt', 'requests==2.32.0\n'));
    expect(d.verdict).toBe('deny');
    expect(d.reasons.map((r) => r.ruleId).sort()).toEqual(expect.arrayContaining(['DEP004', 'DEP006']));
  });

  it('a tool it does not know is refused; a read is let through', async () => {
    expect((await judge({ kind: 'unknown', tool: 'mcp__x__put', why: 'an MCP tool' })).verdict).toBe('deny');
    expect(await judge({ kind: 'read', tool: 'Read' })).toEqual({ verdict: 'allow', reasons: [] });
  });
});

describe('shell commands', () => {
  const shell = (command: string): ToolCall => ({ kind: 'shell', tool: 'Bash', command });

  it('judges a removal and a move out of a protected folder as the change they are; a docs removal passes', async () => {
    const rm = await judge(shell('rm billing/charge.py'));
    expect(rm.verdict).toBe('ask');
    expect(rm.reasons.map((r) => [r.ruleId, r.path])).toEqual([['PATH003', 'billing/charge.py']]);
    expect((await judge(shell('git mv billing/charge.py docs/charge.py'))).verdict).toBe('ask');
    expect(await judge(shell('rm docs/guide.md'))).toEqual({ verdict: 'allow', reasons: [] });
  });

  it('refuses text it cannot see written into a migration; a redirection into docs passes', async () => {
    const d = await judge(shell("sed -i 's/int/bigint/' db/migrations/001_init.sql"));
    expect(d.verdict).toBe('deny');
    expect(d.reasons[0]?.message).toMatch(/cannot tell what it would write/);
    expect((await judge(shell('echo notes >> docs/guide.md'))).verdict).toBe('allow');
  });
});
