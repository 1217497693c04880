import type { CommandContext } from './command.js';
import { startEarlyGit } from './early-git.js';

export type BundleIo = Omit<CommandContext, 'argv' | 'debug' | 'earlyGit'>;

/**
 * One run of a loaded script bundle (dist/slipway-cli.cjs, or a command's own): `check` starts
 * git listing the files at once (early-git.ts), while the command's modules are evaluated, then
 * the command runs. bin.ts calls this after loading the bundle; the tests that run the bundle
 * in their own process call the same, so the two never differ.
 */
export function runBundle(
  main: (argv: string[], io: Omit<CommandContext, 'argv' | 'debug'>) => Promise<number>,
  argv: string[],
  io: BundleIo,
): Promise<number> {
  const command = argv.find((a) => a !== '--debug');
  const earlyGit = command === 'check' ? startEarlyGit(argv, io.cwd, io.env) : undefined;
  return main(argv, { ...io, ...(earlyGit ? { earlyGit } : {}) });
}
