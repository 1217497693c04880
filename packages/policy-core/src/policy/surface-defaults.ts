import { POLICY_FILES } from './policy-files.js';

/** The workflows GitHub runs. */
export const CI_WORKFLOWS = '/.github/workflows/';

/**
 * The policy surface: the files that decide how every change is judged rather than what the
 * product does. PATH004 asks for the protected label to change them, and never lets an agent
 * branch change them. `policy_surface.extra` adds patterns, `policy_surface.opt_out` takes
 * default entries out (except the policy file itself, listed apart below). gitignore syntax.
 */
export const DEFAULT_POLICY_SURFACE: readonly { pattern: string; what: string }[] = [
  // CI that runs Slipway: a workflow that stops calling it, or calls it with --tree, ends the gate.
  { pattern: CI_WORKFLOWS, what: 'a CI workflow' },
  { pattern: '/.github/actions/', what: 'a CI action the workflows run' },
  { pattern: '/action.yml', what: 'the repository action CI runs' },
  { pattern: '/action.yaml', what: 'the repository action CI runs' },
  { pattern: '/.gitlab-ci.yml', what: 'a CI configuration' },
  { pattern: '/.circleci/', what: 'a CI configuration' },
  { pattern: '/.buildkite/', what: 'a CI configuration' },
  { pattern: '/azure-pipelines.yml', what: 'a CI configuration' },
  { pattern: '/bitbucket-pipelines.yml', what: 'a CI configuration' },
  { pattern: '/Jenkinsfile', what: 'a CI configuration' },
  // Who must review: code owners back the label with a required review.
  { pattern: '/CODEOWNERS', what: 'the code owners file' },
  { pattern: '/.github/CODEOWNERS', what: 'the code owners file' },
  { pattern: '/docs/CODEOWNERS', what: 'the code owners file' },
  // How git reads the files: an attribute (`* binary`, `-diff`, a filter) changes what a diff
  // shows and counts, so a change that adds one would change how it is itself measured.
  { pattern: '.gitattributes', what: 'a git attributes file' },
  // What agents are told and how they are hooked: an agent that rewrites its own instructions, its
  // hook configuration or its MCP servers rewrites its own limits. At any depth: the agents read
  // nested instruction files and settings folders (a monorepo's package has its own).
  { pattern: 'AGENTS.md', what: 'agent instructions' },
  { pattern: 'AGENTS.override.md', what: 'agent instructions' },
  { pattern: 'CLAUDE.md', what: 'agent instructions' },
  { pattern: 'CLAUDE.local.md', what: 'agent instructions' },
  { pattern: 'GEMINI.md', what: 'agent instructions' },
  { pattern: '.claude/', what: 'agent instructions, hooks and settings' },
  { pattern: '.codex/', what: 'agent instructions, hooks and settings' },
  { pattern: '.cursor/', what: 'agent rules, hooks and MCP servers' },
  { pattern: '.gemini/', what: 'agent instructions, hooks and settings' },
  { pattern: '**/.github/hooks/', what: 'agent hooks' },
  { pattern: '**/.github/copilot-instructions.md', what: 'agent instructions' },
  { pattern: '**/.github/instructions/', what: 'agent instructions' },
  { pattern: '.mcp.json', what: 'the MCP servers agents start' },
  { pattern: '**/.vscode/mcp.json', what: 'the MCP servers agents start' },
  // VS Code reads the agents' hook files where `chat.hookFilesLocations` says, and runs none when
  // `chat.hooks.enabled` is off: the workspace's settings can switch the gate at the tool call off.
  {
    pattern: '**/.vscode/settings.json',
    what: "the editor's workspace settings (which hook files the agents run, whether any run)",
  },
  { pattern: '**/.github/agents/', what: 'custom agents (their instructions and hooks)' },
  // Copilot's other workspace files: prompt files (slash commands, each may name the tools it
  // gets), skills (instructions and the scripts they run), and the custom chat modes custom agents
  // replaced, still read by VS Code.
  { pattern: '**/.github/prompts/', what: 'agent prompt files (slash commands and their tools)' },
  { pattern: '**/.github/skills/', what: 'an agent skill (instructions, and scripts agents run)' },
  { pattern: '**/.github/chatmodes/', what: 'custom agents (their instructions and tools)' },
  { pattern: '.cursorrules', what: 'agent instructions' },
  { pattern: '.windsurfrules', what: 'agent instructions' },
  { pattern: '.windsurf/', what: 'agent rules and settings' },
  { pattern: '.clinerules', what: 'agent instructions' },
  // Zed's agent reads the first of `.rules`, ..., `AGENT.md`, `AGENTS.md` at the project's top.
  { pattern: '/.rules', what: 'agent instructions' },
  { pattern: 'AGENT.md', what: 'agent instructions' },
  // JetBrains Junie: its guidelines and MCP servers live in `.junie/`.
  { pattern: '.junie/', what: 'agent guidelines and MCP servers' },
  // The other agents' own folders, as their documentation names them: skills (Codex reads
  // `.agents/skills` from the working folder up to the root; a skill carries scripts the agent
  // runs), steering and hooks (Kiro), rules and modes (Roo Code), rules and MCP servers (Amazon Q,
  // Continue), plugins and commands (OpenCode: its plugins are code it runs), and aider's
  // configuration (the lint and test commands it runs after every edit).
  { pattern: '.agents/', what: 'an agent skill (instructions, and scripts agents run)' },
  { pattern: '.kiro/', what: 'agent steering, hooks and MCP servers' },
  { pattern: '.roo/', what: 'agent rules, modes and MCP servers' },
  { pattern: '.roomodes', what: 'agent modes' },
  { pattern: '.roorules*', what: 'agent instructions' },
  { pattern: '.amazonq/', what: 'agent rules and MCP servers' },
  { pattern: '.continue/', what: 'agent rules and MCP servers' },
  { pattern: 'opencode.json', what: 'the OpenCode configuration (MCP servers, permissions, plugins)' },
  { pattern: 'opencode.jsonc', what: 'the OpenCode configuration (MCP servers, permissions, plugins)' },
  { pattern: '.opencode/', what: 'agent commands, plugins and tools' },
  {
    pattern: '.aider.conf.yml',
    what: "aider's configuration (the lint and test commands it runs after each edit)",
  },
  // Code a person's machine runs on its own: a git hook manager runs its config at the next commit
  // (Slipway's own pre-commit hook among them), an editor runs a task when the folder opens, a dev
  // container its commands when it is built. An agent that writes one runs code on a person's
  // machine, or switches a local gate off.
  {
    pattern: '/.pre-commit-config.yaml',
    what: 'the pre-commit configuration (hooks git runs at each commit)',
  },
  { pattern: '/.husky/', what: 'a git hook husky runs at each commit' },
  { pattern: '/lefthook.yml', what: 'the lefthook configuration (hooks git runs at each commit)' },
  { pattern: '/.lefthook.yml', what: 'the lefthook configuration (hooks git runs at each commit)' },
  { pattern: '/lefthook-local.yml', what: 'the lefthook configuration (hooks git runs at each commit)' },
  { pattern: '**/.vscode/tasks.json', what: "the editor's task list (a task may run when the folder opens)" },
  { pattern: '/.devcontainer/', what: 'the dev container (its commands run when it is built or opened)' },
  // Where the migration tools find their migrations: a tool pointed at another folder
  // (`script_location`, a knexfile's `directory`) runs migrations there that no rule reads.
  // (A TypeORM DataSource or Django's MIGRATION_MODULES live in ordinary code: not listed.)
  { pattern: 'alembic.ini', what: "Alembic's configuration (where its migrations are)" },
  { pattern: 'knexfile.*', what: "Knex's configuration (where its migrations are)" },
  { pattern: 'drizzle.config.*', what: "Drizzle's configuration (where its migrations are)" },
  { pattern: '.sequelizerc', what: "sequelize-cli's configuration (where its migrations are)" },
  { pattern: 'prisma.config.*', what: "Prisma's configuration (where its migrations are)" },
  { pattern: 'migration_lock.toml', what: "Prisma's migration lock (the database its migrations are for)" },
  // The gate itself: the agents' hooks run the project's own installed Slipway, so an agent that
  // replaced it would switch every check at the tool call off.
  { pattern: 'node_modules/.bin/slipway', what: 'the Slipway the agent hooks run' },
  { pattern: 'node_modules/slipway/', what: 'the Slipway the agent hooks run' },
  { pattern: 'node_modules/@slipway/', what: 'the Slipway the agent hooks run' },
];

/** The policy file in every spelling: always surface, whatever `opt_out` says. */
export const POLICY_FILE_SURFACE: readonly { pattern: string; what: string }[] = POLICY_FILES.map((f) => ({
  pattern: `/${f}`,
  what: 'the policy file',
}));

/**
 * A policy file in any folder (it governs that folder for the editor and for a CI job run
 * there): surface like the root one, whatever `opt_out` says. A CI workflow that happens to be
 * called `slipway.yml` is still named as a workflow (CI_WORKFLOWS after these in the list).
 */
export const NESTED_POLICY_SURFACE: readonly { pattern: string; what: string }[] = POLICY_FILES.map((f) => ({
  pattern: f,
  what: 'a policy file (a nested one governs its folder)',
}));
