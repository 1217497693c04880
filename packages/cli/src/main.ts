import { printable } from '@slipway/policy-core';
import type { CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { suggestion } from './did-you-mean.js';
import { runCommand } from './run-command.js';
import { VERSION } from './version.js';

const HELP = () =>
  [
    'slipway — deployment policy as code',
    '',
    'Usage: slipway <command> [options]   (slipway <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Global options: --debug (print stack traces), --version, --help',
    'Exit codes: 0 no error findings, 1 error findings or the action failed, 2 usage or configuration error.',
  ].join('\n');

/** Runs one CLI invocation; never throws (runCommand). */
export async function main(argv: string[], io: Omit<CommandContext, 'argv' | 'debug'>): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  // `slipway help <command>` is `slipway <command> --help`.
  if (name === 'help' && rest[0] !== undefined && !rest[0].startsWith('-'))
    return main([rest[0], '--help', ...(debug ? ['--debug'] : [])], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`slipway ${VERSION}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    const near = suggestion(name, [...commands.map((c) => c.name), 'help']);
    io.stderr.write(
      `slipway: unknown command \`${printable(name)}\`${near}; run \`slipway --help\` for the list\n`,
    );
    return 2;
  }
  return runCommand(name, entry.load, rest, io, debug);
}
