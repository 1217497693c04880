import { startServer } from '@slipway/lsp/start-server';
import type { Command } from '../command.js';
import { openDb } from '../db/open-db.js';

export const lspCommand: Command = {
  name: 'lsp',
  usage: `Usage: slipway lsp [--stdio | --node-ipc | --socket=PORT]

Starts the Slipway language server on stdio (the default) for an editor's language client.
Open a folder with a slipway.yaml: findings appear in every file as you edit it. This server
can also stamp a database's baseline (slipway.server.stampBaseline): it has the CLI's
PostgreSQL and PGlite clients.`,
  run: () =>
    // The server runs until the client sends exit; the process ends there, not here.
    new Promise<number>(() => {
      startServer({ openDb: (target, root) => openDb(target, { cwd: root }) });
    }),
};
