import { startServer } from '@slipway/lsp/start-server';
import type { Command } from '../command.js';
import { openPglite } from '../db/pglite-client.js';
import { loadJsRenderers } from '../trace/js-renderers.js';
import { openTraceDb } from '../trace/open-trace-db.js';

export const lspCommand: Command = {
  name: 'lsp',
  usage: `Usage: slipway lsp [--stdio | --node-ipc | --socket=PORT]

Starts the Slipway language server on stdio (the default) for an editor's language client.
Open a folder with a slipway.yaml: findings appear in every file as you edit it. Unlike the
editor's bundled server, it also opens embedded (pglite://) databases for the guard's database
audit and slipway.server.stampBaseline, and runs slipway.server.trace (Trace Migration Locks).`,
  run: () =>
    // The server runs until the client sends exit; the process ends there, not here.
    new Promise<number>(() => {
      startServer({ openEmbedded: openPglite, openTraceDb, loadTraceRenderers: loadJsRenderers });
    }),
};
