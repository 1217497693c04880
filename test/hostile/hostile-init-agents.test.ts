import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { writeAgentFiles, writeAgentsMd } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { outside, snapshot } from './hostile-repo.js';

/**
 * Issue 49 §3 and §5 on disk: `init --agents` and `agents-md` write only inside the repository,
 * all files or none, never through a link out, never a file past the size bound, never over
 * broken AGENTS.md markers: each refusal one line, the repository (and the place outside) byte
 * for byte as before. The near miss beside each is written. The refusals are the node adapters
 * called in-process (writeAgentFiles, writeAgentsMd: what the commands call); the built CLI runs
 * for what only it does (the exit code and line of a bad --agents, a second run, the section).
 */

const OUT = join(outside, 'init-agents');
const POLICY = 'version: 1\nagents:\n  branches: ["auto/*"]\n  allowed: [docs/]\n';
const repos: TempRepo[] = [];

function repo(files: Record<string, string> = {}, links: Record<string, string> = {}): TempRepo {
  const r = new TempRepo({ 'README.md': '# app\n', 'docs/a.md': 'a\n', 'slipway.yaml': POLICY, ...files });
  repos.push(r);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(r.dir, path, '..'), { recursive: true });
    symlinkSync(target, join(r.dir, path));
  }
  return r;
}

const doc = parsePolicyText(POLICY, 'slipway.yaml').document!;
const ALL = ['claude', 'codex', 'copilot', 'cursor', 'gemini'] as const;

/** A refusal from the adapter: its one line; the repository and the place outside unchanged. */
function refusedInProcess(r: TempRepo, run: () => { ok: boolean; reason?: string }): string {
  const before = [snapshot(r.dir), snapshot(OUT)];
  const res = run();
  expect(res.ok).toBe(false);
  expect([snapshot(r.dir), snapshot(OUT)]).toEqual(before);
  expect(res.reason).not.toContain('\n');
  return res.reason!;
}

/** Runs slipway in `r`, expecting a refusal: exit 2, one line on stderr, nothing on stdout. */
function refused(r: TempRepo, args: string[]): string {
  const res = slipway(args, { cwd: r.dir });
  expect([res.code, res.stdout]).toEqual([2, '']);
  const lines = res.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

beforeAll(() => mkdirSync(OUT, { recursive: true }));
afterAll(() => {
  for (const r of repos.splice(0)) r.dispose();
});

describe('init --agents on a hostile repository', () => {
  it('a committed .claude linked out of the repository: refused, nothing written there or in the repository', () => {
    const r = repo({}, { '.claude': OUT });
    expect(refusedInProcess(r, () => writeAgentFiles(r.dir, ['claude', 'cursor']))).toMatch(
      /^\.claude\/settings\.json.*symbolic link leading outside/,
    );
  });

  it('a .gemini linked to nothing: refused before the other agents are written (all or nothing)', () => {
    const r = repo({}, { '.gemini': 'missing-folder' });
    expect(refusedInProcess(r, () => writeAgentFiles(r.dir, ['claude', 'gemini']))).toBe(
      '.gemini/settings.json: .gemini is a symbolic link to nothing; nothing was written',
    );
    expect(existsSync(join(r.dir, '.claude'))).toBe(false);
  });

  it('near miss: .claude linked to a folder inside the repository is followed and written there', () => {
    const r = repo({ 'config/claude/keep.txt': 'x\n' }, { '.claude': 'config/claude' });
    const res = writeAgentFiles(r.dir, ['claude']);
    expect(res.ok && res.files.map((f) => [f.path, f.status])).toEqual([
      ['.claude/settings.json', 'created'],
      ['.mcp.json', 'created'],
    ]);
    expect(
      JSON.parse(readFileSync(join(r.dir, 'config/claude/settings.json'), 'utf8')).hooks.PreToolUse,
    ).toHaveLength(1);
  });

  it('--dry-run plans every file and writes none', () => {
    const r = repo();
    const before = snapshot(r.dir);
    const res = writeAgentFiles(r.dir, ALL, true);
    expect(res.ok && res.files.filter((f) => f.status === 'created')).toHaveLength(9);
    expect(snapshot(r.dir)).toEqual(before);
  });

  it('a 10 MB settings file: a bounded refusal naming its size, nothing written', () => {
    const big = `{"padding": "${'x'.repeat(10 * 1024 * 1024)}"}`;
    const r = repo({ '.gemini/settings.json': big });
    expect(refusedInProcess(r, () => writeAgentFiles(r.dir, ['claude', 'gemini']))).toMatch(
      /^\.gemini\/settings\.json is 10485775 bytes, more than the 1048576/,
    );
  });

  it('a settings file that is not JSON: its name and line, and no other agent file written either', () => {
    const r = repo({ '.cursor/mcp.json': '{\n  "mcpServers": {\n    "db": { "command": "x" }\n  \n' });
    expect(refusedInProcess(r, () => writeAgentFiles(r.dir, ALL))).toMatch(
      /^\.cursor\/mcp\.json:5: not valid JSON/,
    );
    expect(existsSync(join(r.dir, '.claude'))).toBe(false);
  });

  it('an unknown agent: one line naming the known ones, exit 2, nothing written', () => {
    const r = repo();
    const before = snapshot(r.dir);
    expect(refused(r, ['init', '--agents', 'claude,windsurf'])).toBe(
      'slipway init: unknown agent `windsurf` for --agents; known: claude, codex, copilot, cursor, gemini (or all)',
    );
    expect(snapshot(r.dir)).toEqual(before);
  });

  it("near miss: the user's own settings are merged, and a second run changes nothing", () => {
    const mine =
      '{\n  // my hooks\n  "hooks": { "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./guard.sh" } ] } ] }\n}\n';
    const r = repo({ '.claude/settings.json': mine });
    const first = slipway(['init', '--agents'], { cwd: r.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`updated: ${join(r.dir, '.claude/settings.json')}`);
    expect(first.stdout).toContain(`created: ${join(r.dir, '.gemini/settings.json')}`);
    expect(readFileSync(join(r.dir, '.claude/settings.json'), 'utf8')).toContain('// my hooks');
    const after = snapshot(r.dir);
    const second = slipway(['init', '--agents', 'all'], { cwd: r.dir });
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n').filter((l) => l.startsWith('unchanged: '))).toHaveLength(9);
    expect(second.stdout).not.toMatch(/^(created|updated):/m);
    expect(snapshot(r.dir)).toEqual(after);
  });
});

describe('agents-md on a hostile AGENTS.md', () => {
  const section = '<!-- slipway:begin -->\nold words\n<!-- slipway:end -->\n';
  for (const [attack, text, line] of [
    [
      'duplicated begin markers',
      `# Agents\n${section}${section}`,
      /^AGENTS\.md:5: <!-- slipway:begin --> appears 2 times/,
    ],
    [
      'a begin marker without its end',
      '# Agents\n<!-- slipway:begin -->\nmine\n',
      /^AGENTS\.md:2: <!-- slipway:begin --> without <!-- slipway:end -->/,
    ],
    [
      'an end marker before the begin',
      '<!-- slipway:end -->\nmine\n<!-- slipway:begin -->\n',
      /AGENTS\.md:1: <!-- slipway:end --> comes before/,
    ],
  ] as const)
    it(`${attack}: one line naming the marker, AGENTS.md unchanged`, () => {
      const r = repo({ 'AGENTS.md': text });
      expect(refusedInProcess(r, () => writeAgentsMd(r.dir, doc))).toMatch(line);
    });

  it('AGENTS.md linked out of the repository: refused, the file outside unchanged', () => {
    writeFileSync(join(OUT, 'AGENTS.md'), '# theirs\n');
    const r = repo({}, { 'AGENTS.md': join(OUT, 'AGENTS.md') });
    expect(refusedInProcess(r, () => writeAgentsMd(r.dir, doc))).toMatch(
      /^AGENTS\.md.*outside the repository/,
    );
  });

  it('near miss: one marked section is replaced, every byte outside it kept, and --check then passes', () => {
    const r = repo({ 'AGENTS.md': `# Agents\r\nMine above.\r\n\r\n${section}\r\nMine below.\r\n` });
    const res = slipway(['agents-md'], { cwd: r.dir });
    expect([res.code, res.stdout]).toEqual([0, `updated: ${join(r.dir, 'AGENTS.md')}\n`]);
    const text = readFileSync(join(r.dir, 'AGENTS.md'), 'utf8');
    expect(text.startsWith('# Agents\r\nMine above.\r\n\r\n<!-- slipway:begin -->\n')).toBe(true);
    expect(text.endsWith('<!-- slipway:end -->\n\r\nMine below.\r\n')).toBe(true);
    expect(text).toContain('only files matching `docs/`');
    expect(writeAgentsMd(r.dir, doc, true)).toEqual({ ok: true, path: 'AGENTS.md', status: 'unchanged' });
  });
});
