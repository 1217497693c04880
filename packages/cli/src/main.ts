import { DeployError, printable, printableLines } from '@slipway/policy-core';
import { type CommandContext, UserError } from './command.js';
import { commands } from './commands/index.js';
import { suggestion } from './did-you-mean.js';
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

/** Runs one CLI invocation; never throws: user errors print one line, others a short report. */
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
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.usage.trimEnd()}\n`);
      return 0;
    }
    return await command.run({ ...io, argv: rest, debug });
  } catch (err) {
    // A DeployError is the deploy layer's UserError: one line, the same exit codes.
    if (err instanceof UserError || err instanceof DeployError) {
      // A message may quote the repository's text (a file name, a policy value): no control
      // character of it reaches the terminal.
      io.stderr.write(`slipway ${name}: ${printableLines(err.message)}\n`);
      if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    // A repository file the one reader or writer refused (policy-core/node's RefusedFile, known
    // by name so that this entry does not load the node adapters): its one line, exit 2.
    if ((err as Error | undefined)?.name === 'RefusedFile') {
      io.stderr.write(`slipway ${name}: ${(err as Error).message}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr.write(
      `slipway ${name}: internal error: ${printableLines(e?.message ?? String(err))} (run with --debug for details)\n`,
    );
    if (debug && e?.stack) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
}
