import { type BundleIo, runBundle } from './bundle-run.js';
import type { Command, CommandContext } from './command.js';
import type { CliBundle } from './cli-bundle.js';
import { runCommand } from './run-command.js';

/**
 * The exports of a script that holds one command alone (dist/slipway-hook.cjs,
 * dist/slipway-metrics.cjs), the shape cli-bundle.ts gives the whole CLI: a command run often,
 * or whose runs are short beside loading every command, reads and deserialises only its own code
 * (cli-bundle-loader.ts). bin.ts picks the script by the command's name (OWN_SCRIPTS).
 */
export function singleCommandBundle(name: string, load: () => Promise<Command>): CliBundle {
  const main = (argv: string[], io: Omit<CommandContext, 'argv' | 'debug'>): Promise<number> => {
    const debug = argv.includes('--debug');
    const [, ...rest] = argv.filter((a) => a !== '--debug');
    return runCommand(name, load, rest, io, debug);
  };
  return {
    run: (argv: string[], io: BundleIo) => runBundle(main, argv, io),
    isCommand: (command: string) => command === name,
  };
}
