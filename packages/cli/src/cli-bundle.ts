import { type BundleIo, runBundle } from './bundle-run.js';
import { commands } from './commands/index.js';
import { main } from './main.js';

/*
 * What dist/slipway-cli.cjs exports to the entry point (bin.ts, through cli-bundle-loader.ts):
 * the whole CLI but the entry, built as one script so that V8's code cache can hold it.
 */

/** One CLI run (bundle-run.ts): what bin.ts calls once this script is loaded. */
export function run(argv: string[], io: BundleIo): Promise<number> {
  return runBundle(main, argv, io);
}

/** Whether `name` is a command's (the code cache is kept per command). */
export function isCommand(name: string): boolean {
  return commands.some((c) => c.name === name);
}

export type CliBundle = {
  run: typeof run;
  isCommand: typeof isCommand;
};
