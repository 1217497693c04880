import type { CommandEntry } from '../command.js';

export type { CommandEntry };

/**
 * Every `slipway` command, in the order `slipway --help` lists them. Each module loads on demand
 * through a dynamic import, which the build turns into a lazy initialiser inside the CLI's script
 * (scripts/build.mjs), so `slipway check` does not pay to initialise the language server, the
 * database drivers or the deploy machinery.
 */
export const commands: CommandEntry[] = [
  {
    name: 'check',
    summary: 'check the change (or the tree) against the policy',
    load: () => import('./check.js').then((m) => m.checkCommand),
  },
  {
    name: 'test',
    summary: "run the policy's test cases: described changes and the verdicts the policy must give them",
    load: () => import('./test.js').then((m) => m.testCommand),
  },
  {
    name: 'baseline',
    summary: "record today's findings as accepted: check and guard then report only new ones",
    load: () => import('./baseline.js').then((m) => m.baselineCommand),
  },
  {
    name: 'waivers',
    summary: 'list every slipway: allow comment: its reason, its age, and whether it has expired',
    load: () => import('./waivers.js').then((m) => m.waiversCommand),
  },
  {
    name: 'trace',
    summary:
      'run migrations on an embedded PostgreSQL and report the locks and rewrites each statement takes',
    load: () => import('./trace.js').then((m) => m.traceCommand),
  },
  {
    name: 'guard',
    summary: 'the deploy guard: check, plus the database audit when databases are configured',
    load: () => import('./guard.js').then((m) => m.guardCommand),
  },
  {
    name: 'explain',
    summary: 'explain a rule (MIG001) or how the policy treats a path',
    load: () => import('./explain.js').then((m) => m.explainCommand),
  },
  {
    name: 'init',
    summary: 'write a slipway.yaml from what the repository contains',
    load: () => import('./init.js').then((m) => m.initCommand),
  },
  {
    name: 'agents-md',
    summary: "write AGENTS.md's Slipway section: what the policy lets agents do, in plain words",
    load: () => import('./agents-md.js').then((m) => m.agentsMdCommand),
  },
  {
    name: 'schema',
    summary: 'print a JSON Schema: the policy file, or --record, --audit-event (for editors)',
    load: () => import('./schema.js').then((m) => m.schemaCommand),
  },
  {
    name: 'deps',
    summary: 'regenerate the mirror lock from the requirements (`deps lock`)',
    load: () => import('./deps.js').then((m) => m.depsCommand),
  },
  {
    name: 'db',
    summary: 'database audit (OK / MISMATCH / MISSING) and the one-time baseline stamp',
    load: () => import('./db.js').then((m) => m.dbCommand),
  },
  {
    name: 'promote',
    summary: 'deploy a SHA to staging (verify it) or production (guarded, approved, recorded)',
    load: () => import('./promote.js').then((m) => m.promoteCommand),
  },
  {
    name: 'rollback',
    summary: 'roll production back to the last good deploy (a SYSTEM_CORRECTION_EVENT) and pin it',
    load: () => import('./rollback.js').then((m) => m.rollbackCommand),
  },
  {
    name: 'unpin',
    summary: "clear a rollback's pin so promotes may replace production again (humans only)",
    load: () => import('./unpin.js').then((m) => m.unpinCommand),
  },
  {
    name: 'restack',
    summary: "put Slipway's record commits back on top of a moved branch, re-chaining the audit log",
    load: () => import('./restack.js').then((m) => m.restackCommand),
  },
  {
    name: 'history',
    summary: 'show deploys, rollbacks and pins from the deploy record and the audit log',
    load: () => import('./history.js').then((m) => m.historyCommand),
  },
  {
    name: 'metrics',
    summary:
      'delivery figures per environment and week: deploys, lead time, failure rate, time to restore, agent vs human',
    load: () => import('./metrics.js').then((m) => m.metricsCommand),
  },
  {
    name: 'windows',
    summary: "list each environment's deploy windows and the next times promotes may run",
    load: () => import('./windows.js').then((m) => m.windowsCommand),
  },
  {
    name: 'gate',
    summary: "answer GitHub's custom deployment protection rule: approve or reject a waiting deployment",
    load: () => import('./gate.js').then((m) => m.gateCommand),
  },
  {
    name: 'watch',
    summary: 'poll production health and roll back once, by itself, after consecutive failures',
    load: () => import('./watch.js').then((m) => m.watchCommand),
  },
  {
    name: 'update',
    summary: 'update a self-hosted bot from signed git releases, with rollback',
    load: () => import('./update.js').then((m) => m.updateCommand),
  },
  {
    name: 'hook',
    summary:
      "the agent gate: judge a coding agent's tool call before it runs (claude, codex, copilot, cursor, gemini)",
    load: () => import('./hook.js').then((m) => m.hookCommand),
  },
  {
    name: 'lsp',
    summary: 'the language server (for editors): findings as you type, hovers, quick fixes',
    load: () => import('./lsp.js').then((m) => m.lspCommand),
  },
  {
    name: 'mcp',
    summary: "an MCP server on stdio for coding agents: the policy's answers (may_edit, check_change …)",
    load: () => import('./mcp.js').then((m) => m.mcpCommand),
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh, fish)',
    load: () => import('./completion.js').then((m) => m.completionCommand(commands)),
  },
];
