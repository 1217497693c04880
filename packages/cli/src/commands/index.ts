import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { dbCommand } from './db.js';
import { depsCommand } from './deps.js';
import { explainCommand } from './explain.js';
import { guardCommand } from './guard.js';
import { historyCommand } from './history.js';
import { initCommand } from './init.js';
import { lspCommand } from './lsp.js';
import { promoteCommand } from './promote.js';
import { rollbackCommand } from './rollback.js';
import { schemaCommand } from './schema.js';
import { unpinCommand } from './unpin.js';
import { updateCommand } from './update.js';
import { watchCommand } from './watch.js';

/** Every `slipway` command, in the order `slipway --help` lists them. */
export const commands: Command[] = [
  checkCommand,
  guardCommand,
  explainCommand,
  initCommand,
  schemaCommand,
  depsCommand,
  dbCommand,
  promoteCommand,
  rollbackCommand,
  unpinCommand,
  historyCommand,
  watchCommand,
  updateCommand,
  lspCommand,
];
