import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';
import { pathPolicy } from '../../src/policy/path-policy.js';

/**
 * The default policy surface, against a list written here and not read from the defaults: each
 * file a change may not touch without the protected label (PATH004), with what the finding calls
 * it. A default removed, renamed or re-described fails here. Near misses below are not surface.
 */
const SURFACE: [string, string][] = [
  ['.github/workflows/ci.yml', 'a CI workflow'],
  ['.github/actions/setup/action.yml', 'a CI action the workflows run'],
  ['action.yml', 'the repository action CI runs'],
  ['action.yaml', 'the repository action CI runs'],
  ['.gitlab-ci.yml', 'a CI configuration'],
  ['.circleci/config.yml', 'a CI configuration'],
  ['.buildkite/pipeline.yml', 'a CI configuration'],
  ['azure-pipelines.yml', 'a CI configuration'],
  ['bitbucket-pipelines.yml', 'a CI configuration'],
  ['Jenkinsfile', 'a CI configuration'],
  ['CODEOWNERS', 'the code owners file'],
  ['.github/CODEOWNERS', 'the code owners file'],
  ['docs/CODEOWNERS', 'the code owners file'],
  ['.gitattributes', 'a git attributes file'],
  ['pkg/.gitattributes', 'a git attributes file'],
  ['AGENTS.md', 'agent instructions'],
  ['services/api/AGENTS.md', 'agent instructions'],
  // Matched as a case-folding file system opens names: on a Mac this file is docs/AGENTS.md.
  ['docs/agents.md', 'agent instructions'],
  ['AGENTS.override.md', 'agent instructions'],
  ['CLAUDE.md', 'agent instructions'],
  ['CLAUDE.local.md', 'agent instructions'],
  ['GEMINI.md', 'agent instructions'],
  ['.claude/settings.json', 'agent instructions, hooks and settings'],
  ['.codex/config.toml', 'agent instructions, hooks and settings'],
  ['.cursor/hooks.json', 'agent rules, hooks and MCP servers'],
  ['.gemini/settings.json', 'agent instructions, hooks and settings'],
  ['.github/hooks/slipway.json', 'agent hooks'],
  ['.github/copilot-instructions.md', 'agent instructions'],
  ['.github/instructions/python.instructions.md', 'agent instructions'],
  ['.mcp.json', 'the MCP servers agents start'],
  ['.vscode/mcp.json', 'the MCP servers agents start'],
  [
    '.vscode/settings.json',
    "the editor's workspace settings (which hook files the agents run, whether any run)",
  ],
  ['.github/agents/reviewer.agent.md', 'custom agents (their instructions and hooks)'],
  ['.github/prompts/release.prompt.md', 'agent prompt files (slash commands and their tools)'],
  ['.github/skills/webapp-testing/SKILL.md', 'an agent skill (instructions, and scripts agents run)'],
  ['services/web/.github/skills/db/run.sh', 'an agent skill (instructions, and scripts agents run)'],
  ['.github/chatmodes/plan.chatmode.md', 'custom agents (their instructions and tools)'],
  ['.rules', 'agent instructions'],
  ['AGENT.md', 'agent instructions'],
  ['services/api/AGENT.md', 'agent instructions'],
  ['.junie/guidelines.md', 'agent guidelines and MCP servers'],
  ['.junie/mcp/mcp.json', 'agent guidelines and MCP servers'],
  ['.cursorrules', 'agent instructions'],
  ['.windsurfrules', 'agent instructions'],
  ['.windsurf/rules/a.md', 'agent rules and settings'],
  ['.clinerules', 'agent instructions'],
  ['.agents/skills/deploy/SKILL.md', 'an agent skill (instructions, and scripts agents run)'],
  ['services/api/.agents/skills/db/scripts/run.sh', 'an agent skill (instructions, and scripts agents run)'],
  ['.kiro/hooks/on-save.kiro.hook', 'agent steering, hooks and MCP servers'],
  ['.kiro/settings/mcp.json', 'agent steering, hooks and MCP servers'],
  ['.roo/rules/01-general.md', 'agent rules, modes and MCP servers'],
  ['.roomodes', 'agent modes'],
  ['.roorules', 'agent instructions'],
  ['.roorules-code', 'agent instructions'],
  ['.amazonq/rules/cdk.md', 'agent rules and MCP servers'],
  ['.continue/mcpServers/playwright.yaml', 'agent rules and MCP servers'],
  ['opencode.json', 'the OpenCode configuration (MCP servers, permissions, plugins)'],
  ['opencode.jsonc', 'the OpenCode configuration (MCP servers, permissions, plugins)'],
  ['.opencode/plugins/guard.ts', 'agent commands, plugins and tools'],
  ['.aider.conf.yml', "aider's configuration (the lint and test commands it runs after each edit)"],
  ['.pre-commit-config.yaml', 'the pre-commit configuration (hooks git runs at each commit)'],
  ['.husky/pre-commit', 'a git hook husky runs at each commit'],
  ['lefthook.yml', 'the lefthook configuration (hooks git runs at each commit)'],
  ['.lefthook.yml', 'the lefthook configuration (hooks git runs at each commit)'],
  ['lefthook-local.yml', 'the lefthook configuration (hooks git runs at each commit)'],
  ['.vscode/tasks.json', "the editor's task list (a task may run when the folder opens)"],
  ['.devcontainer/devcontainer.json', 'the dev container (its commands run when it is built or opened)'],
  ['alembic.ini', "Alembic's configuration (where its migrations are)"],
  ['services/api/alembic.ini', "Alembic's configuration (where its migrations are)"],
  ['knexfile.js', "Knex's configuration (where its migrations are)"],
  ['server/knexfile.ts', "Knex's configuration (where its migrations are)"],
  ['drizzle.config.ts', "Drizzle's configuration (where its migrations are)"],
  ['.sequelizerc', "sequelize-cli's configuration (where its migrations are)"],
  ['prisma.config.ts', "Prisma's configuration (where its migrations are)"],
  ['prisma/migrations/migration_lock.toml', "Prisma's migration lock (the database its migrations are for)"],
  ['node_modules/.bin/slipway', 'the Slipway the agent hooks run'],
  ['node_modules/slipway/dist/bin.js', 'the Slipway the agent hooks run'],
  ['node_modules/@slipway/policy-core/package.json', 'the Slipway the agent hooks run'],
  ['slipway.yaml', 'the policy file'],
  ['services/api/slipway.yaml', 'a policy file (a nested one governs its folder)'],
  ['.slipway/baseline.json', 'the findings baseline'],
];

/** Files that look like the surface and are not. */
const NOT_SURFACE = [
  'docs/github/workflows/ci.yml',
  'src/action.yml',
  'src/.gitlab-ci.yml',
  'ci/Jenkinsfile',
  'src/CODEOWNERS',
  'AGENTS.mdx',
  'docs/agents-guide.md',
  'my.mcp.json',
  '.vscode/extensions.json',
  'src/lefthook.yml',
  'node_modules/left-pad/index.js',
  'app/main.py',
  'alembic/env.py',
  'docs/knexfile-guide.md',
  'src/db/data-source.ts',
  'agents/skills/deploy/SKILL.md',
  'docs/agents/README.md',
  'src/roo.ts',
  'docs/continue.md',
  'opencode.json.example',
  'aider.conf.yml.sample',
  // Zed reads `.rules` at the project's top only.
  'config/.rules',
  'docs/prompts/release.prompt.md',
  'AGENT.md.bak',
  'junie/guidelines.md',
];

describe('the default policy surface', () => {
  const surfaceOf = (path: string) => {
    // A policy of its own for each path: pathPolicy caches per document.
    const doc = parsePolicyText('version: 1\n').document;
    if (!doc) throw new Error('the minimal policy does not parse');
    const pp = pathPolicy(doc);
    const d = pp.surfaceMatcher.explain(path);
    return d.matched ? (pp.surfaceWhat.get(d.source?.pattern ?? '') ?? '(no description)') : undefined;
  };

  it('names every file of the list as what it is', () => {
    expect(SURFACE.map(([path]) => [path, surfaceOf(path)])).toEqual(SURFACE);
  });

  it('leaves the near misses alone', () => {
    expect(NOT_SURFACE.filter((p) => surfaceOf(p) !== undefined)).toEqual([]);
  });

  it('opt_out takes a default out, never the policy file or the baseline; extra adds one', () => {
    const doc = parsePolicyText(
      'version: 1\npolicy_surface:\n  opt_out: [Jenkinsfile, slipway.yaml, .slipway/baseline.json]\n  extra: [ops/deploy.sh]\n',
    ).document;
    if (!doc) throw new Error('the policy does not parse');
    const m = pathPolicy(doc).surfaceMatcher;
    expect(
      ['Jenkinsfile', 'slipway.yaml', '.slipway/baseline.json', 'ops/deploy.sh'].map((p) => m.matches(p)),
    ).toEqual([false, true, true, true]);
  });
});
