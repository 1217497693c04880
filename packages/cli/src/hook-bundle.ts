import { type BundleIo, runBundle } from './bundle-run.js';
import type { CommandContext } from './command.js';
import { runCommand } from './run-command.js';

/*
 * What dist/slipway-hook.cjs exports to the entry point (bin.ts): `slipway hook` alone. A coding
 * agent runs it before every tool call, so it is a script of its own, a third of the size of the
 * whole CLI's, with a code cache of its own (cli-bundle-loader.ts): every call reads and
 * deserialises only the agent gate. Same shape as cli-bundle.ts.
 */
function main(argv: string[], io: Omit<CommandContext, 'argv' | 'debug'>): Promise<number> {
  const debug = argv.includes('--debug');
  const [, ...rest] = argv.filter((a) => a !== '--debug');
  return runCommand('hook', () => import('./commands/hook.js').then((m) => m.hookCommand), rest, io, debug);
}

/** One run (bundle-run.ts): what bin.ts calls once this script is loaded. */
export function run(argv: string[], io: BundleIo): Promise<number> {
  return runBundle(main, argv, io);
}

export function isCommand(name: string): boolean {
  return name === 'hook';
}
