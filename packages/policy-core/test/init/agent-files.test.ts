import TOML from '@iarna/toml';
import { agentsNamed, type ExistingFile, hookCommand, planAgentFiles } from '@slipway/policy-core';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';

/**
 * `init --agents`'s pure part (init/agents/): what each agent's files hold after the merge, in
 * process. The disk part, links and size bounds are test/hostile/hostile-init-agents.test.ts.
 */

type Files = Record<string, string>;
const ALL_AGENTS = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;
const reader =
  (files: Files) =>
  (path: string): ExistingFile =>
    files[path] === undefined ? undefined : { text: files[path] };

function plan(agents: Parameters<typeof planAgentFiles>[0], files: Files = {}) {
  const p = planAgentFiles(agents, reader(files));
  if (!p.ok) throw new Error(p.reason);
  return Object.fromEntries(p.files.map((f) => [f.path, f]));
}

describe('init --agents, the files', () => {
  it('a fresh repository gets every agent its hook and its MCP server, each file valid', () => {
    const files = plan(['claude', 'codex', 'copilot', 'cursor', 'gemini']);
    expect(Object.keys(files)).toEqual([
      '.claude/settings.json',
      '.mcp.json',
      '.codex/hooks.json',
      '.codex/config.toml',
      '.github/hooks/slipway.json',
      '.vscode/mcp.json',
      '.cursor/hooks.json',
      '.cursor/mcp.json',
      '.gemini/settings.json',
    ]);
    const json = (p: string) => JSON.parse(files[p]!.text);
    expect(Object.values(files).every((f) => f.status === 'created')).toBe(true);
    const claude = json('.claude/settings.json').hooks.PreToolUse[0];
    expect(claude.matcher).toBe('Write|Edit|MultiEdit|NotebookEdit|Bash|PowerShell');
    // A hook that times out or crashes blocks the call instead of letting it run.
    expect(claude.hooks[0]).toMatchObject({ type: 'command', timeout: 30, onFailure: 'block' });
    expect(claude.hooks[0].command).toContain('hook claude');
    expect(json('.mcp.json').mcpServers.slipway).toEqual({
      type: 'stdio',
      command: 'npx',
      args: ['--no', 'slipway', 'mcp'],
    });
    expect(json('.codex/hooks.json').hooks.PreToolUse[0].matcher).toContain('apply_patch');
    expect(TOML.parse(files['.codex/config.toml']!.text)).toEqual({
      mcp_servers: { slipway: { command: 'npx', args: ['--no', 'slipway', 'mcp'] } },
    });
    const copilot = json('.github/hooks/slipway.json');
    expect(copilot.version).toBe(1);
    expect(copilot.hooks.preToolUse[0]).toMatchObject({ type: 'command', cwd: '.', timeoutSec: 30 });
    expect(copilot.hooks.preToolUse[0].powershell).toContain('hook copilot');
    expect(json('.vscode/mcp.json').servers.slipway.type).toBe('stdio');
    const cursor = json('.cursor/hooks.json');
    expect(cursor.version).toBe(1);
    expect(cursor.hooks.beforeShellExecution[0].command).toContain('hook cursor');
    expect(cursor.hooks.preToolUse[0].matcher).not.toMatch(/Shell/);
    const gemini = json('.gemini/settings.json');
    expect(gemini.hooks.BeforeTool[0].matcher).toBe('write_file|replace|run_shell_command');
    expect(gemini.hooks.BeforeTool[0].hooks[0].timeout).toBe(30000);
    expect(gemini.mcpServers.slipway.command).toBe('npx');
  });

  it("a settings file with the user's own PreToolUse hooks keeps them, byte for byte, and gains Slipway's after them", () => {
    const mine =
      '{\n    "model": "opus",\n    "hooks": {\n        "PreToolUse": [\n            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./my-guard.sh" } ] }\n        ]\n    }\n}\n';
    const out = plan(['claude'], { '.claude/settings.json': mine })['.claude/settings.json']!;
    expect(out.status).toBe('updated');
    expect(out.text).toContain(
      '{ "matcher": "Bash", "hooks": [ { "type": "command", "command": "./my-guard.sh" } ] }',
    );
    const hooks = JSON.parse(out.text).hooks.PreToolUse;
    expect(hooks.map((h: { matcher: string }) => h.matcher)).toEqual([
      'Bash',
      'Write|Edit|MultiEdit|NotebookEdit|Bash|PowerShell',
    ]);
    // The file's own four-space indentation carries on into what is added.
    expect(out.text).toMatch(/\n {16}"matcher": "Write/);
    expect(JSON.parse(out.text).model).toBe('opus');
  });

  it('a JSONC file keeps its comments and trailing commas; near miss: a server already named slipway is left as the user wrote it', () => {
    const vscode =
      '// servers for this repo\n{\n  "servers": {\n    /* ours */\n    "db": { "type": "stdio", "command": "db-mcp" },\n  },\n}\n';
    const out = plan(['copilot'], { '.vscode/mcp.json': vscode })['.vscode/mcp.json']!;
    expect(out.text).toContain('// servers for this repo');
    expect(out.text).toContain('/* ours */');
    expect(out.text).toContain('"db": { "type": "stdio", "command": "db-mcp" },');
    expect(parse(out.text).servers.slipway.command).toBe('npx');
    // A comment after the last entry stays on its line; the comma goes before it.
    const gemini = '{\n\t"theme": "dark" // mine\n}\n';
    const merged = plan(['gemini'], { '.gemini/settings.json': gemini })['.gemini/settings.json']!.text;
    expect(merged.startsWith('{\n\t"theme": "dark", // mine\n\t"hooks": {\n\t\t"BeforeTool": [')).toBe(true);
    const theirs =
      '{ "mcpServers": { "slipway": { "command": "/opt/slipway/bin/slipway", "args": ["mcp"] } } }\n';
    const kept = plan(['claude'], { '.mcp.json': theirs })['.mcp.json']!;
    expect(kept).toMatchObject({ status: 'unchanged', text: theirs });
  });

  it('says what Codex does not tell its hooks: the directory its model picks for a shell command', () => {
    const codex = planAgentFiles(['codex'], reader({}));
    expect(codex.ok && codex.notes.join('\n')).toMatch(
      /Codex does not tell its hooks the directory its model picks for a shell command \(workdir\)/,
    );
    const claude = planAgentFiles(['claude'], reader({}));
    expect(claude.ok && claude.notes.join('\n')).not.toMatch(/workdir/);
  });

  it('a second run changes nothing: every file unchanged, the same bytes', () => {
    const first = plan(['claude', 'codex', 'copilot', 'cursor', 'gemini']);
    const again = plan(
      ['claude', 'codex', 'copilot', 'cursor', 'gemini'],
      Object.fromEntries(Object.entries(first).map(([p, f]) => [p, f.text])),
    );
    // Near miss of the note below: Slipway's own entries, as written, are not "edited".
    const twice = planAgentFiles(
      ALL_AGENTS,
      reader(Object.fromEntries(Object.entries(first).map(([p, f]) => [p, f.text]))),
    );
    expect(twice.ok && twice.notes.filter((n) => n.includes('kept'))).toEqual([]);
    for (const [path, f] of Object.entries(again))
      expect([path, f.status, f.text]).toEqual([path, 'unchanged', first[path]!.text]);
  });

  it("a hook entry the user edited (another timeout) is recognised as Slipway's and not added twice", () => {
    const edited = JSON.stringify({
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: 'npx slipway hook claude', timeout: 5 }] },
        ],
      },
    });
    expect(plan(['claude'], { '.claude/settings.json': edited })['.claude/settings.json']!.status).toBe(
      'unchanged',
    );
    // ...and said: a matcher narrowed by someone else must not pass unseen.
    const edit = planAgentFiles(['claude'], reader({ '.claude/settings.json': edited }));
    expect(edit.ok && edit.notes).toEqual([
      ".claude/settings.json `hooks.PreToolUse` has Slipway's hook as someone edited it; kept as it is (compare with docs/guides/agents.md); its command has no deadline, so a Slipway that hangs or crashes lets the call run: delete the entry and run slipway init --agents again",
    ]);
    // Near miss: an entry with the deadline's watchdog, only its timeout edited, is said as kept, no more.
    const timeout = JSON.stringify({
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: hookCommand('claude'), timeout: 5 }] },
        ],
      },
    });
    const kept = planAgentFiles(['claude'], reader({ '.claude/settings.json': timeout }));
    expect(kept.ok && kept.notes).toEqual([
      ".claude/settings.json `hooks.PreToolUse` has Slipway's hook as someone edited it; kept as it is (compare with docs/guides/agents.md)",
    ]);
    // Near miss: another agent's Slipway hook is not this one's.
    const other = edited.replace('hook claude', 'hook gemini');
    expect(plan(['claude'], { '.claude/settings.json': other })['.claude/settings.json']!.status).toBe(
      'updated',
    );
  });

  it('a settings file nested past the limit, or with closers that close nothing, stops the plan naming the file (no stack overflow)', () => {
    const deep = planAgentFiles(
      ['claude'],
      reader({ '.claude/settings.json': `{"a":${'['.repeat(200_000)}` }),
    );
    expect(deep).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^\.claude\/settings\.json:1: arrays and objects are nested more than 64 levels deep/,
      ),
    });
    const skipped = planAgentFiles(
      ['claude'],
      reader({ '.claude/settings.json': `{"a":[${'},['.repeat(100_000)}` }),
    );
    expect(skipped).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\.claude\/settings\.json:1: not valid JSON/),
    });
  });

  it('a file that is not JSON, or whose hooks are not an object, stops the plan naming file and line', () => {
    const bad = planAgentFiles(
      ['claude', 'cursor'],
      reader({ '.cursor/hooks.json': '{\n  "version": 1,\n  "hooks": {\n}\n' }),
    );
    expect(bad).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\.cursor\/hooks\.json:5: not valid JSON/),
    });
    const clash = planAgentFiles(
      ['claude'],
      reader({ '.claude/settings.json': '{\n  "hooks": "none"\n}\n' }),
    );
    expect(clash).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\.claude\/settings\.json:2: `hooks` is a string/),
    });
    // Two `hooks` keys: the agent reads the last, so adding to the first would be a hook never run.
    const twice = planAgentFiles(
      ['claude'],
      reader({ '.claude/settings.json': '{\n  "hooks": {},\n  "hooks": {}\n}\n' }),
    );
    expect(twice).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\.claude\/settings\.json:3: `hooks` is there twice/),
    });
    const array = planAgentFiles(['gemini'], reader({ '.gemini/settings.json': '[]' }));
    expect(array).toEqual({ ok: false, reason: expect.stringContaining('not a JSON object') });
  });

  it("Codex's config.toml: the table appended after the user's text and comments; near miss: one already there is kept", () => {
    const mine = '# my codex settings\nmodel = "o3" # fast\n\n[mcp_servers.db]\ncommand = "db-mcp"\n';
    const out = plan(['codex'], { '.codex/config.toml': mine })['.codex/config.toml']!;
    expect(out.text.startsWith(mine)).toBe(true);
    expect(out.text.slice(mine.length)).toBe(
      '\n[mcp_servers.slipway]\ncommand = "npx"\nargs = ["--no", "slipway", "mcp"]\n',
    );
    const theirs = `${mine}\n[mcp_servers.slipway]\ncommand = "slipway"\nargs = ["mcp"]\n`;
    expect(plan(['codex'], { '.codex/config.toml': theirs })['.codex/config.toml']).toMatchObject({
      status: 'unchanged',
      text: theirs,
    });
    const inline = 'mcp_servers = { db = { command = "db-mcp" } }\n';
    expect(planAgentFiles(['codex'], reader({ '.codex/config.toml': inline }))).toEqual({
      ok: false,
      reason: expect.stringContaining('adding [mcp_servers.slipway] would make it invalid'),
    });
    expect(planAgentFiles(['codex'], reader({ '.codex/config.toml': 'a = \n' }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\.codex\/config\.toml:1: not valid TOML/),
    });
  });

  it('--agents names: empty or all is every agent, a list some, an unknown name refused with the known ones', () => {
    expect(agentsNamed('all')).toEqual({
      ok: true,
      agents: ['claude', 'codex', 'copilot', 'cursor', 'gemini'],
    });
    expect(agentsNamed('copilot, Claude')).toEqual({ ok: true, agents: ['claude', 'copilot'] });
    expect(agentsNamed('claude,windsurf')).toEqual({
      ok: false,
      reason: 'unknown agent `windsurf` for --agents; known: claude, codex, copilot, cursor, gemini (or all)',
    });
  });
});
