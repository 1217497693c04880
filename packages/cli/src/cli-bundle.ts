import { commands } from './commands/index.js';

/**
 * What dist/slipway-cli.cjs exports to the entry point (bin.ts, through cli-bundle-loader.ts):
 * the whole CLI but the entry, built as one script so that V8's code cache can hold it.
 */
export { startEarlyGit } from './early-git.js';
export { main } from './main.js';

/** Whether `name` is a command's (the code cache is kept per command). */
export function isCommand(name: string): boolean {
  return commands.some((c) => c.name === name);
}

export type CliBundle = {
  main: typeof import('./main.js').main;
  startEarlyGit: typeof import('./early-git.js').startEarlyGit;
  isCommand: typeof isCommand;
};
