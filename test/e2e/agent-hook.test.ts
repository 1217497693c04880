import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { AgentSession } from '../helpers/agent-session.js';

// `slipway hook <agent>` as each agent runs it: the built CLI, the agent's documented hook input
// on standard input (shapes as in packages/policy-core/test/agent-gate/fixtures, with their
// sources), a real repository. Each refusal has its near miss; the decision log is read back.
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [billing/]
agents:
  allowed: [docs/, db/, billing/]
migrations:
  sql: ["db/*.sql"]
`;

const session = new AgentSession(
  {
    'slipway.yaml': POLICY,
    'docs/guide.md': '# Guide\n',
    'db/001_init.sql': 'CREATE TABLE users (id int, mail text);\n',
  },
  { process: true },
);
const hook = (agent: string, input: unknown) => session.hook(agent, input);
const at = (rel: string) => session.at(rel);
const claude = (tool_name: string, tool_input: unknown) => session.claude(tool_name, tool_input);

describe('Claude Code', () => {
  it('lets a Write to docs through with no objection, and refuses a migration that drops a table with exit 2', () => {
    const ok = hook('claude', claude('Write', { file_path: at('docs/new.md'), content: '# New\n' }));
    expect(ok).toMatchObject({ code: 0, stdout: '' });
    const drop = hook(
      'claude',
      claude('Write', { file_path: at('db/002.sql'), content: 'DROP TABLE users;\n' }),
    );
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/\[MIG001\] db\/002\.sql/);
    expect(JSON.parse(drop.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it("refuses a column rename and says what to write instead: the expand/contract fix's steps", () => {
    const r = hook(
      'claude',
      claude('Write', {
        file_path: at('db/002_rename.sql'),
        content: 'ALTER TABLE users RENAME COLUMN mail TO email;\n',
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Instead: make the change Slipway\'s fix makes (its edits: the MCP tool check_change, or `slipway check --format json`): Expand/contract: add "email" beside "mail" (a trigger keeps it filled), backfill in batches in db/003_backfill_users_email.sql;',
    );
  });

  it('asks the human for a protected path, on exit 0 (exit 1 would not block)', () => {
    const r = hook('claude', claude('Write', { file_path: at('billing/pay.py'), content: 'x = 1\n' }));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout).hookSpecificOutput;
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toMatch(/PATH003.*approved-core-change/);
  });

  it('refuses a push to production and a delete of the policy by shell; a read-only command passes', () => {
    expect(hook('claude', claude('Bash', { command: 'git push origin HEAD:main' })).code).toBe(2);
    expect(hook('claude', claude('Bash', { command: 'cd docs && rm ../slipway.yaml' })).stderr).toMatch(
      /PATH004/,
    );
    expect(
      hook('claude', claude('Bash', { command: 'git log --oneline | head -5 && cat slipway.yaml' })),
    ).toMatchObject({
      code: 0,
      stdout: '',
    });
  });

  it("judges a NotebookEdit by the notebook's path: allowed in docs, asked in a protected folder, refused outside the agents' folders", () => {
    const cell = (path: string) =>
      claude('NotebookEdit', {
        notebook_path: at(path),
        cell_id: 'cell-1',
        new_source: 'print(1)',
        edit_mode: 'replace',
      });
    expect(hook('claude', cell('docs/analysis.ipynb'))).toMatchObject({ code: 0, stdout: '' });
    const protectedCell = hook('claude', cell('billing/forecast.ipynb'));
    expect(protectedCell.code).toBe(0);
    expect(JSON.parse(protectedCell.stdout).hookSpecificOutput).toMatchObject({
      permissionDecision: 'ask',
      permissionDecisionReason: expect.stringMatching(/PATH003.*billing\/forecast\.ipynb/),
    });
    const outside = hook('claude', cell('notebooks/explore.ipynb'));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(
      /\[PATH002\] notebooks\/explore\.ipynb: .* is outside what agents may edit/,
    );
    // A notebook edit aimed at a file a rule reads is refused: its text after is not computed.
    const migration = hook('claude', cell('db/002.sql'));
    expect(migration.code).toBe(2);
    expect(migration.stderr).toMatch(
      /`NotebookEdit` writes db\/002\.sql, whose text the policy's rules read/,
    );
  });

  it('refuses what it cannot read: not JSON, a tool it does not know', () => {
    expect(hook('claude', '{"tool_name": ').code).toBe(2);
    expect(hook('claude', claude('mcp__files__write', { path: 'x' })).code).toBe(2);
  });
});

describe('the other agents, each answered its own way', () => {
  it('Codex: an apply_patch that adds a destructive migration is refused, a docs patch is not', () => {
    const patch = (body: string) => ({
      session_id: 's-2',
      cwd: session.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'apply_patch',
      tool_input: { command: `*** Begin Patch\n${body}*** End Patch` },
    });
    expect(hook('codex', patch('*** Add File: db/003.sql\n+DROP TABLE users;\n')).code).toBe(2);
    expect(hook('codex', patch('*** Add File: docs/x.md\n+hello\n')).code).toBe(0);
    // A patch whose first file lies outside any repository was judged there, where no policy
    // governs, and let through whole: each file is judged by its own repository.
    const elsewhere = `*** Add File: ${join(tmpdir(), 'slipway-elsewhere.txt')}\n+x\n`;
    expect(hook('codex', patch(`${elsewhere}*** Add File: db/003.sql\n+DROP TABLE users;\n`)).code).toBe(2);
    expect(hook('codex', patch(`${elsewhere}*** Add File: docs/y.md\n+hello\n`)).code).toBe(0);
    // One file twice in a patch: each section read against the file as it was, so neither is the
    // text that lands; judged by the last, the first's DROP TABLE landed unread.
    const twice = hook(
      'codex',
      patch(
        '*** Update File: db/001_init.sql\n@@\n+DROP TABLE users;\n CREATE TABLE users (id int, mail text);\n' +
          '*** Update File: db/001_init.sql\n@@\n CREATE TABLE users (id int, mail text);\n+-- fine\n',
      ),
    );
    expect([twice.code, twice.stderr]).toEqual([
      2,
      expect.stringMatching(/\[GATE\] db\/001_init\.sql: `apply_patch` writes/),
    ]);
  });

  it('Copilot: toolArgs as a JSON string; a refusal is exit 0 with permissionDecision deny', () => {
    const call = (path: string) => ({
      timestamp: 1,
      cwd: session.dir,
      toolName: 'create',
      toolArgs: JSON.stringify({ path: at(path), file_text: 'x\n' }),
    });
    const denied = hook('copilot', call('.github/hooks/off.json'));
    expect(denied.code).toBe(0);
    expect(JSON.parse(denied.stdout).permissionDecision).toBe('deny');
    expect(hook('copilot', call('docs/fine.md')).stdout).not.toMatch(/deny/);
  });

  it('Cursor and Gemini: a write to the policy is refused, one to docs is not', () => {
    const cursor = (file: string) => ({
      conversation_id: 'c',
      generation_id: 'g',
      workspace_roots: [session.dir],
      hook_event_name: 'preToolUse',
      tool_name: 'Write',
      tool_input: { file_path: at(file), contents: 'x\n' },
      tool_use_id: 't',
    });
    expect(JSON.parse(hook('cursor', cursor('slipway.yaml')).stdout).permission).toBe('deny');
    expect(hook('cursor', cursor('docs/c.md')).stdout).not.toMatch(/deny/);
    const gemini = (file: string) => ({
      session_id: 'g',
      cwd: session.dir,
      hook_event_name: 'BeforeTool',
      tool_name: 'write_file',
      tool_input: { file_path: at(file), content: 'x\n' },
    });
    expect(hook('gemini', gemini('slipway.yaml')).code).toBe(2);
    expect(hook('gemini', gemini('docs/g.md')).code).toBe(0);
  });
});

describe('the decision log', () => {
  it('holds each refusal, newest last, readable with history --agent-decisions', () => {
    const r = slipway(['history', '--agent-decisions', '--json', '--limit', '0'], { cwd: session.dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as {
      entries: { verdict: string; agent: string; reasons: { rule: string }[] }[];
    };
    const rules = log.entries.flatMap((e) => e.reasons.map((x) => x.rule));
    expect(rules).toEqual(expect.arrayContaining(['MIG001', 'PATH003', 'BR001', 'PATH004']));
    expect(new Set(log.entries.map((e) => e.agent))).toEqual(
      new Set(['claude', 'codex', 'copilot', 'cursor', 'gemini']),
    );
    expect(log.entries.every((e) => e.verdict !== 'allow')).toBe(true);
  });
});

describe('the gate itself', () => {
  it("refuses a write over the Slipway the hooks run; another package in node_modules is the allow-list's business", () => {
    const over = hook(
      'claude',
      claude('Write', { file_path: at('node_modules/.bin/slipway'), content: 'exit 0\n' }),
    );
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/PATH004.*the Slipway the agent hooks run/);
    // Untracked, as an install leaves it: a folder removed is judged by the files on disk under it.
    session.repo.write({
      'node_modules/.bin/slipway': '#!/usr/bin/env node\n',
      'node_modules/left-pad/index.js': '',
    });
    expect(hook('claude', claude('Bash', { command: 'rm -rf node_modules' })).stderr).toMatch(/PATH004/);
    expect(hook('claude', claude('Bash', { command: 'rm -rf node_modules/left-pad' })).stderr).not.toMatch(
      /PATH004/,
    );
  });
});
