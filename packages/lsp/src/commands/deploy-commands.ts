import type { ServerCommandName } from '../protocol/index.js';
import type { CommandSpec } from './command-run.js';

/** The deploy flows as commands (filled in once the flows are in @slipway/policy-core/node). */
export const DEPLOY_COMMANDS: Partial<Record<ServerCommandName, CommandSpec>> = {};
