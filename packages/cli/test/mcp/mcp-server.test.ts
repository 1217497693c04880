import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { findRule, LIMITS, renderRuleDocs } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, slipway } from '../../../../test/helpers/cli.js';
import type { TempRepo } from '../../../../test/helpers/git-repo.js';
import { judgeCall } from '../../src/hook/judge-call.js';
import { MCP_POLICY, mcpRepo } from './mcp-repo.js';

// `slipway mcp` as an agent's client runs it: the built CLI over stdio, the SDK's own client,
// one server for the whole file against a real repository with an agent's branch.
let repo: TempRepo;
let outside: string;
let client: Client;
let stderr = '';

beforeAll(async () => {
  repo = mcpRepo();
  outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
  symlinkSync(outside, join(repo.dir, 'src/outlink'));
  symlinkSync('../core', join(repo.dir, 'src/corelink'));
  symlinkSync('../.git', join(repo.dir, 'src/gitlink'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    cwd: repo.dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  client = new Client({ name: 'slipway-test', version: '1' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  repo?.dispose();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const call = (name: string, args: Record<string, unknown> = {}) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

const text = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

/** A tool error: isError and one line, no stack. */
function expectRefusal(r: CallToolResult, pattern: RegExp): void {
  expect(r.isError).toBe(true);
  expect(text(r).split('\n')).toHaveLength(1);
  expect(text(r)).toMatch(pattern);
}

type Verdicts = { verdicts: { path: string; verdict: string; rule?: string; real?: string }[] };

describe('slipway mcp over stdio', () => {
  it('lists five read-only tools, each with an input and an output schema; logs only on stderr', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'check_change',
      'explain_rule',
      'lint_migration',
      'may_edit',
      'policy_summary',
    ]);
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint).toBe(true);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
    }
    const paths = tools.find((t) => t.name === 'may_edit')?.inputSchema.properties?.paths as {
      maxItems: number;
      items: { type: string; maxLength: number };
    };
    expect(paths.items.type).toBe('string');
    expect(paths.maxItems).toBe(LIMITS.mcp.paths);
    expect(paths.items.maxLength).toBe(LIMITS.mcp.pathChars);
    expect(stderr).toMatch(/slipway mcp: serving 5 tools/);
  });

  it('policy_summary: branches, paths, label, and the caps with what the change has used', async () => {
    const r = await call('policy_summary');
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as Record<string, unknown>;
    expect(s).toMatchObject({
      policyFile: 'slipway.yaml',
      productionBranch: 'main',
      agentBranches: ['auto/*'],
      allowedPaths: ['src/', 'core/', 'db/migrations/'],
      protected: { paths: ['core/'], label: 'approved-core-change' },
    });
    // The branch commits two files (src/feature.py, core/model.py) and three links are not yet
    // added (src/outlink, src/corelink, src/gitlink): the files the agent gate counts.
    expect(s.caps).toContainEqual({ key: 'files', rule: 'AGT001', cap: 5, used: 5 });
    expect(s.caps).toContainEqual({ key: 'new_dependencies', rule: 'AGT003', cap: null, used: 0 });
    expect((s.change as { agent: string }).agent).toMatch(/auto\/feature/);
    expect(text(r)).toMatch(/files \(AGT001\): cap 5, used 5/);
  });

  it('may_edit: allow, ask (protected, label-gated), deny (surface, outside agents.allowed), with the rule', async () => {
    const cases: [string, string, string | undefined][] = [
      ['src/app.py', 'allow', undefined],
      ['src/not-yet-written.py', 'allow', undefined],
      [join(repo.dir, 'src/app.py'), 'allow', undefined],
      ['core/model.py', 'ask', 'PATH003'],
      ['slipway.yaml', 'deny', 'PATH004'],
      ['.github/workflows/ci.yml', 'deny', 'PATH004'],
      ['CLAUDE.md', 'deny', 'PATH004'],
      ['docs/guide.md', 'deny', 'PATH002'],
    ];
    const r = await call('may_edit', { paths: cases.map(([p]) => p) });
    expect(r.isError).toBeFalsy();
    const { verdicts } = r.structuredContent as Verdicts;
    expect(verdicts.map((v) => [v.verdict, v.rule])).toEqual(cases.map(([, v, rule]) => [v, rule]));
    expect(verdicts[2]?.path).toBe('src/app.py');
    expect(text(r)).toMatch(/^ask core\/model\.py \(PATH003\).*approved-core-change/m);
  });

  it("may_edit agrees with the agent gate's decision on a write of each path (decideWrites)", async () => {
    const writes: [string, string][] = [
      ['src/app.py', 'print(3)\n'],
      ['core/model.py', 'x = 3\n'],
      ['CLAUDE.md', '# Rules\n'],
      ['docs/guide.md', '# Guide\n'],
    ];
    const r = await call('may_edit', { paths: writes.map(([p]) => p) });
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const gate = await Promise.all(
      writes.map(([path, content]) =>
        judgeCall(
          { agent: 'claude', call: { kind: 'write', tool: 'Write', path, content } },
          repo.dir,
          env,
        ).then((j) => j.decision),
      ),
    );
    // The path rules' verdicts agree; the gate also counts the caps of the change a write would
    // make (here the files cap, already at 5): may_edit leaves those to policy_summary.
    const pathRules = gate.map((d) => {
      const reasons = d.reasons.filter((x) => x.ruleId.startsWith('PATH'));
      return [reasons.length === 0 ? 'allow' : d.verdict, reasons[0]?.ruleId];
    });
    expect((r.structuredContent as Verdicts).verdicts.map((v) => [v.verdict, v.rule])).toEqual(pathRules);
    expect(gate[0]?.reasons.map((x) => x.ruleId)).toEqual(['AGT001']);
  });

  it('may_edit: a link inside the repository is judged by the file it leads to too (the stricter verdict)', async () => {
    const r = await call('may_edit', { paths: ['src/corelink/x.py', 'src/inside/../app.py'] });
    const { verdicts } = r.structuredContent as Verdicts;
    expect(verdicts[0]).toMatchObject({ path: 'src/corelink/x.py', verdict: 'ask', real: 'core/x.py' });
    // Near miss: a `..` that stays inside is the plain file it names.
    expect(verdicts[1]).toMatchObject({ path: 'src/app.py', verdict: 'allow' });
  });

  it.each([
    ['a path that climbs out', '../elsewhere.py', /outside the repository/],
    ['an absolute path outside', '/etc/passwd', /outside the repository/],
    [
      'a path through a link leading out',
      'src/outlink/x.py',
      /outside the repository through a symbolic link/,
    ],
    ['the git directory', '.git/config', /inside the git directory/],
    [
      'a path through a link into the git directory',
      'src/gitlink/config',
      /\.git\/config is inside the git directory/,
    ],
  ])(
    'may_edit refuses %s in one line, and the server answers the next call',
    async (_what, path, pattern) => {
      expectRefusal(await call('may_edit', { paths: ['src/app.py', path] }), pattern);
      const ok = await call('may_edit', { paths: ['src/app.py'] });
      expect((ok.structuredContent as Verdicts).verdicts[0]?.verdict).toBe('allow');
    },
  );

  it("may_edit: an agent that widens agents.allowed in the working tree is still judged by the base's policy", async () => {
    const widened = MCP_POLICY.replace('    - src/\n', '    - src/\n    - docs/\n');
    repo.write({ 'slipway.yaml': widened });
    try {
      const r = await call('may_edit', { paths: ['docs/guide.md', 'src/app.py'] });
      // Near miss: what the base's policy allows stays allowed.
      expect((r.structuredContent as Verdicts).verdicts.map((v) => v.verdict)).toEqual(['deny', 'allow']);
    } finally {
      repo.write({ 'slipway.yaml': MCP_POLICY });
    }
  });

  it('bounds its inputs: too many paths, a path too long, a text too large; the server lives on', async () => {
    const many = Array.from({ length: LIMITS.mcp.paths + 1 }, (_, i) => `src/f${i}.py`);
    expectRefusal(await call('may_edit', { paths: many }), /over the limit of 256/);
    expectRefusal(await call('may_edit', { paths: ['a'.repeat(LIMITS.mcp.pathChars + 1)] }), /characters/);
    expectRefusal(await call('may_edit', { paths: [] }), /paths is empty/);
    // Items of the wrong type: the first one said, in one line, however many there are.
    expectRefusal(
      await call('may_edit', { paths: ['src/app.py', 1, null, 3] }),
      /^paths\[1\] is a number, not a string/,
    );
    // Far past the element cap: refused before any schema runs.
    expectRefusal(await call('may_edit', { paths: Array(100_000).fill('a') }), /maximum of \d+ elements/);
    const big = 'x'.repeat(LIMITS.mcp.textChars + 1);
    expectRefusal(
      await call('lint_migration', { path: 'db/migrations/002_big.sql', text: big }),
      /over the limit/,
    );
    // Near miss: exactly at the limit is judged.
    const atLimit = await call('may_edit', { paths: many.slice(0, LIMITS.mcp.paths) });
    expect((atLimit.structuredContent as Verdicts).verdicts).toHaveLength(LIMITS.mcp.paths);
  });

  it("check_change: the findings `slipway check --format json` reports, as the tool's data", async () => {
    const r = await call('check_change');
    expect(r.isError).toBeFalsy();
    const data = r.structuredContent as { findings: { rule: string }[]; summary: unknown };
    const cli = JSON.parse(slipway(['check', '--format', 'json'], { cwd: repo.dir }).stdout);
    expect(data.findings).toEqual(cli.findings);
    expect(data.summary).toEqual(cli.summary);
    // The agent's branch edits a protected file without the label.
    expect(data.findings.map((f) => f.rule)).toContain('PATH003');
  });

  it('lint_migration: proposed text is judged without being written; the file on disk as it is', async () => {
    const proposed = await call('lint_migration', {
      path: 'db/migrations/002_drop.sql',
      text: 'DROP TABLE accounts;\n',
    });
    expect(proposed.isError).toBeFalsy();
    const found = proposed.structuredContent as {
      proposed: boolean;
      findings: { rule: string; file: string }[];
    };
    expect(found.proposed).toBe(true);
    expect(found.findings).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'db/migrations/002_drop.sql' }),
    );
    expect(existsSync(join(repo.dir, 'db/migrations/002_drop.sql'))).toBe(false);
    // Near miss: the same path with a harmless text has no finding.
    const fine = await call('lint_migration', {
      path: 'db/migrations/002_drop.sql',
      text: 'CREATE TABLE t2 (id int);\n',
    });
    expect((fine.structuredContent as { findings: unknown[] }).findings).toEqual([]);
    const onDisk = await call('lint_migration', { path: 'db/migrations/001_init.sql' });
    expect(onDisk.structuredContent as { proposed: boolean; findings: unknown[] }).toMatchObject({
      proposed: false,
      findings: [],
    });
    expectRefusal(
      await call('lint_migration', { path: 'src/app.py' }),
      /not a migration under slipway\.yaml/,
    );
    expectRefusal(
      await call('lint_migration', { path: '../x.sql', text: 'DROP TABLE t;' }),
      /outside the repository/,
    );
  });

  it('explain_rule: the documentation `slipway explain` prints; an unknown id is a one-line error', async () => {
    const r = await call('explain_rule', { id: 'MIG001' });
    expect(r.structuredContent).toMatchObject({ id: 'MIG001', defaultSeverity: 'error' });
    // What `slipway explain MIG001` prints (commands/explain.ts renders it so).
    expect(text(r)).toBe(renderRuleDocs(findRule('MIG001')!, 'text'));
    expectRefusal(
      await call('explain_rule', { id: 'MIG0001' }),
      /unknown rule `MIG0001` \(did you mean `MIG001`\?\)/,
    );
    expect((await call('explain_rule', { id: 'path003' })).structuredContent).toMatchObject({
      id: 'PATH003',
    });
  });
});
