import type { Command } from '../command.js';
import { loadBundledCommand } from '../command-loader.js';

/** Set (true) by the build for dist/slipway.mjs, whose commands are bundles of their own. */
declare const __SLIPWAY_BUNDLED__: boolean | undefined;

/** A command from its bundle in dist/commands (see command-loader.ts). */
async function fromBundle(file: string, exported: string): Promise<Command> {
  return loadBundledCommand(file)[exported] as Command;
}

/** A command as `slipway --help` lists it; its module loads only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `slipway --help`. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every `slipway` command, in the order `slipway --help` lists them. Each module loads on demand
 * (in dist, a bundle of its own; from source, a dynamic import), so `slipway check` does not pay
 * to load the language server, the database drivers or the deploy machinery. The condition is
 * written out in each entry so that the build, where it is constant, drops the source imports.
 */
export const commands: CommandEntry[] = [
  {
    name: 'check',
    summary: 'check the change (or the tree) against the policy',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('check', 'checkCommand')
        : import('./check.js').then((m) => m.checkCommand),
  },
  {
    name: 'guard',
    summary: 'the deploy guard: check, plus the database audit when databases are configured',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('guard', 'guardCommand')
        : import('./guard.js').then((m) => m.guardCommand),
  },
  {
    name: 'explain',
    summary: 'explain a rule (MIG001) or how the policy treats a path',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('explain', 'explainCommand')
        : import('./explain.js').then((m) => m.explainCommand),
  },
  {
    name: 'init',
    summary: 'write a slipway.yaml from what the repository contains',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('init', 'initCommand')
        : import('./init.js').then((m) => m.initCommand),
  },
  {
    name: 'schema',
    summary: 'print a JSON Schema: the policy file, or --record, --audit-event (for editors)',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('schema', 'schemaCommand')
        : import('./schema.js').then((m) => m.schemaCommand),
  },
  {
    name: 'deps',
    summary: 'regenerate the mirror lock from the requirements (`deps lock`)',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('deps', 'depsCommand')
        : import('./deps.js').then((m) => m.depsCommand),
  },
  {
    name: 'db',
    summary: 'database audit (OK / MISMATCH / MISSING) and the one-time baseline stamp',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('db', 'dbCommand')
        : import('./db.js').then((m) => m.dbCommand),
  },
  {
    name: 'promote',
    summary: 'deploy a SHA to staging (verify it) or production (guarded, approved, recorded)',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('promote', 'promoteCommand')
        : import('./promote.js').then((m) => m.promoteCommand),
  },
  {
    name: 'rollback',
    summary: 'roll production back to the last good deploy (a SYSTEM_CORRECTION_EVENT) and pin it',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('rollback', 'rollbackCommand')
        : import('./rollback.js').then((m) => m.rollbackCommand),
  },
  {
    name: 'unpin',
    summary: "clear a rollback's pin so promotes may replace production again (humans only)",
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('unpin', 'unpinCommand')
        : import('./unpin.js').then((m) => m.unpinCommand),
  },
  {
    name: 'restack',
    summary: "put Slipway's record commits back on top of a moved branch, re-chaining the audit log",
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('restack', 'restackCommand')
        : import('./restack.js').then((m) => m.restackCommand),
  },
  {
    name: 'history',
    summary: 'show deploys, rollbacks and pins from the deploy record and the audit log',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('history', 'historyCommand')
        : import('./history.js').then((m) => m.historyCommand),
  },
  {
    name: 'watch',
    summary: 'poll production health and roll back once, by itself, after consecutive failures',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('watch', 'watchCommand')
        : import('./watch.js').then((m) => m.watchCommand),
  },
  {
    name: 'update',
    summary: 'update a self-hosted bot from signed git releases, with rollback',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('update', 'updateCommand')
        : import('./update.js').then((m) => m.updateCommand),
  },
  {
    name: 'lsp',
    summary: 'the language server (for editors): findings as you type, hovers, quick fixes',
    load: () =>
      typeof __SLIPWAY_BUNDLED__ !== 'undefined'
        ? fromBundle('lsp', 'lspCommand')
        : import('./lsp.js').then((m) => m.lspCommand),
  },
];
