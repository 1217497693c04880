import type { Command } from '../command.js';

/** A command as `slipway --help` lists it; its module loads only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `slipway --help`. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every `slipway` command, in the order `slipway --help` lists them. Each module is imported on
 * demand (a separate chunk of the bundle), so `slipway check` does not pay to load the language
 * server, the database drivers or the deploy machinery.
 */
export const commands: CommandEntry[] = [
  {
    name: 'check',
    summary: 'check the change (or the tree) against the policy',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'guard',
    summary: 'the deploy guard: check, plus the database audit when databases are configured',
    load: async () => (await import('./guard.js')).guardCommand,
  },
  {
    name: 'explain',
    summary: 'explain a rule (MIG001) or how the policy treats a path',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  {
    name: 'init',
    summary: 'write a slipway.yaml from what the repository contains',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    name: 'schema',
    summary: 'print the policy file JSON Schema (for editors and YAML tools)',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
  {
    name: 'deps',
    summary: 'regenerate the mirror lock from the requirements (`deps lock`)',
    load: async () => (await import('./deps.js')).depsCommand,
  },
  {
    name: 'db',
    summary: 'database audit (OK / MISMATCH / MISSING) and the one-time baseline stamp',
    load: async () => (await import('./db.js')).dbCommand,
  },
  {
    name: 'promote',
    summary: 'deploy a SHA to staging (verify it) or production (guarded, approved, recorded)',
    load: async () => (await import('./promote.js')).promoteCommand,
  },
  {
    name: 'rollback',
    summary: 'roll production back to the last good deploy (a SYSTEM_CORRECTION_EVENT) and pin it',
    load: async () => (await import('./rollback.js')).rollbackCommand,
  },
  {
    name: 'unpin',
    summary: "clear a rollback's pin so promotes may replace production again (humans only)",
    load: async () => (await import('./unpin.js')).unpinCommand,
  },
  {
    name: 'history',
    summary: 'show deploys, rollbacks and pins from the deploy record and the audit log',
    load: async () => (await import('./history.js')).historyCommand,
  },
  {
    name: 'watch',
    summary: 'poll production health and roll back once, by itself, after consecutive failures',
    load: async () => (await import('./watch.js')).watchCommand,
  },
  {
    name: 'update',
    summary: 'update a self-hosted bot from signed git releases, with rollback',
    load: async () => (await import('./update.js')).updateCommand,
  },
  {
    name: 'lsp',
    summary: 'the language server (for editors): findings as you type, hovers, quick fixes',
    load: async () => (await import('./lsp.js')).lspCommand,
  },
];
