import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../../src/change-set.js';
import { localActionsOf } from '../../../src/policy/ci-local-actions.js';
import { pathFamily } from '../../../src/rules/families.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { context, modified, POLICY, policy } from './path-context.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathRoles } from '../../../src/rules/paths/facts/path-roles.js';

/**
 * How far the policy surface (PATH004) reaches: the agents' own files at any depth and inside
 * their allowed folders, a policy file in any folder, names as a folding file system opens them,
 * and the local actions the base's workflows run. Each reach with the near miss beside it.
 */
const agent = { branch: 'auto/fix-1', labels: [] as string[] };
const rules = (files: ChangedFile[], opts: Parameters<typeof context>[1] = agent) =>
  pathFamily.check(context(files, opts)).findings.map((f) => f.rule);
const surface = (path: string) => rules([modified(path)]).includes('PATH004');

describe('the agents’ own files are policy surface at any depth', () => {
  it.each([
    'AGENTS.override.md',
    'backend/app/routers/AGENTS.md',
    'docs/CLAUDE.md', // inside the agents' allowed /docs/*.md
    'CLAUDE.local.md',
    'services/api/GEMINI.md',
    '.claude/settings.json',
    'services/api/.claude/settings.local.json',
    '.codex/config.toml',
    '.cursor/hooks.json',
    '.cursor/mcp.json',
    'web/.cursor/rules/style.mdc',
    '.gemini/settings.json',
    '.github/hooks/slipway.json',
    'pkg/.github/instructions/db.instructions.md',
    '.mcp.json',
    'web/.mcp.json',
    '.vscode/mcp.json',
    'web/.vscode/settings.json',
    '.windsurf/rules/x.md',
    '.clinerules/rules.md',
  ])('%s', (path) => {
    expect(surface(path)).toBe(true);
  });

  it.each([
    'docs/claude-notes.md',
    'docs/AGENTS.md.txt',
    '.claudeignore',
    'src/cursor/hooks.json',
    '.vscode/launch.json',
    'docs/mcp.json',
    'backend/app/routers/gemini.py',
  ])('near miss: %s is not', (path) => {
    expect(surface(path)).toBe(false);
  });
});

describe('a policy file in any folder is policy surface', () => {
  it.each(['services/api/slipway.yaml', 'docs/slipway.yml', 'a/b/slipway.toml'])('%s', (path) => {
    expect(surface(path)).toBe(true);
  });
  it.each(['docs/slipway.yaml.md', 'docs/my-slipway.yaml', 'docs/slipway.json'])('near miss: %s', (path) => {
    expect(surface(path)).toBe(false);
  });
});

describe('protected names match as a folding file system opens them (case, Unicode NFC)', () => {
  it.each(['claude.md', 'docs/Agents.MD', '.Claude/settings.json', 'SLIPWAY.YAML'])(
    '%s is the surface file a Mac opens',
    (path) => {
      expect(surface(path)).toBe(true);
    },
  );

  it('a protected folder written in other case is protected (PATH003 on an agent branch)', () => {
    expect(rules([modified('Backend/App/Core/config.py')])).toContain('PATH003');
    expect(rules([modified('backend/app/corex/config.py')])).not.toContain('PATH003');
  });

  it('a name in NFD matches the pattern written in NFC, and the other way round', () => {
    const nfd = 'AGENTS.md'.normalize('NFD'); // ASCII: the same
    expect(surface(nfd)).toBe(true);
    // `é` decomposed (e + U+0301) under a protected `café/` written composed, via the extra list.
    const policyCafe = 'caf\u00e9';
    const decomposed = `${policyCafe.normalize('NFD')}/menu.py`;
    expect(decomposed).not.toBe(`${policyCafe}/menu.py`);
    const ctx = context([modified(decomposed)], agent);
    ctx.policy = withExtra(`/${policyCafe}/`);
    expect(pathFamily.check(ctx).findings.map((f) => f.rule)).toContain('PATH004');
  });

  it('near miss: the agents’ allow-list is not folded (Docs/ is not /docs/*.md)', () => {
    expect(rules([modified('Docs/readme.md')])).toContain('PATH002');
    expect(rules([modified('docs/readme.md')])).toEqual([]);
  });
});

describe('the local actions the base’s workflows run are policy surface', () => {
  const CI = [
    'on: pull_request',
    'jobs:',
    '  gate:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: ./tools/gate',
    '      - { name: flow, uses: "./.github/actions/setup" }',
  ].join('\n');
  const SETUP = 'runs:\n  using: composite\n  steps:\n    - uses: ./tools/deeper/\n';
  const base: Record<string, string> = {
    '.github/workflows/ci.yml': CI,
    '.github/actions/setup/action.yml': SETUP,
  };
  const run = (path: string, readBase: Record<string, string> | undefined = base) => {
    const ctx = context([modified(path)], {
      ...agent,
      contents: { '.github/workflows/ci.yml': 'on: push\n', [path]: 'x\n' },
    });
    if (ctx.change && readBase) ctx.change.readBase = (p) => readBase[p];
    return pathFamily.check(ctx).findings.filter((f) => f.rule === 'PATH004');
  };

  it('a script inside an action a workflow on the base runs', () => {
    const [f, ...rest] = run('tools/gate/run.sh');
    expect(rest).toEqual([]);
    expect(f?.message).toContain(
      'the local action `./tools/gate` CI runs (`uses:` in .github/workflows/ci.yml line 7',
    );
    expect(f?.related?.[0]).toMatchObject({
      file: '.github/workflows/ci.yml',
      range: { start: { line: 6 } },
    });
  });

  it('an action reached through a composite action, and a folder in other case', () => {
    expect(run('tools/deeper/index.js')).toHaveLength(1);
    expect(run('Tools/Gate/run.sh')).toHaveLength(1);
  });

  it('near misses: a folder no workflow uses; an action only the change’s own workflow names', () => {
    expect(run('tools/other/run.sh')).toEqual([]);
    expect(run('tools/gatekeeper/run.sh')).toEqual([]);
    // The head's workflow runs on push only and names no action; without the base, nothing.
    expect(run('tools/gate/run.sh', {})).toEqual([]);
  });

  it('the scan: flow mappings, quotes, reusable workflows, remote actions left out, bounded', () => {
    const read = (p: string) =>
      ({
        'w.yml':
          "jobs:\n  a:\n    uses: ./.github/workflows/reuse.yml\n  b:\n    steps: [{uses: './x'}]\n" +
          '      - uses: docker://alpine\n      - uses: owner/repo/path@v1\n      - "uses": ./y # comment\n',
        'x/action.yml': 'runs: {using: composite, steps: [{uses: ./x}]}\n', // a loop: read once
      })[p];
    expect(localActionsOf(['w.yml'], read).map((a) => [a.dir, a.line])).toEqual([
      ['.github/workflows/reuse.yml', 3],
      ['x', 5],
      ['y', 8],
    ]);
    const chain = (p: string) => {
      const n = Number(/^a(\d+)\//.exec(p)?.[1] ?? 0);
      return p === 'w.yml' ? 'uses: ./a1\n' : `uses: ./a${n + 1}\n`;
    };
    expect(localActionsOf(['w.yml'], chain).length).toBeLessThanOrEqual(8);
  });
});

/** The test policy with one more `policy_surface.extra` pattern. */
function withExtra(pattern: string) {
  const parsed = parsePolicyText(`${POLICY}policy_surface:\n  extra: ["${pattern}"]\n`, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
}

describe('`slipway explain <path>` says what the surface holds it for', () => {
  const repo = new MemoryRepo({
    '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: ./tools/gate\n',
    'tools/gate/run.sh': 'exit 0\n',
    'tools/other/run.sh': 'exit 0\n',
  });
  it('a file of a local action a workflow runs, with the workflow line', () => {
    expect(pathRoles(policy, repo, 'tools/gate/run.sh')).toEqual([
      'tools/gate/run.sh: part of the local action `./tools/gate` CI runs (.github/workflows/ci.yml line 4), policy surface: agents never change it, people need the label (PATH004)',
    ]);
  });
  it('an agent file at depth, and a near miss that is nothing to the policy', () => {
    expect(pathRoles(policy, repo, 'web/.cursor/mcp.json')[0]).toContain(
      'agent rules, hooks and MCP servers',
    );
    expect(pathRoles(policy, repo, 'tools/other/run.sh')).toEqual([]);
  });
});
