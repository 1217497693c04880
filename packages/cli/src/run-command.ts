import { DeployError, printableLines } from '@slipway/policy-core';
import { listenForMarks } from './code-cache-marks.js';
import { type Command, type CommandContext, UserError } from './command.js';

/**
 * Runs one command once its module is asked for; never throws: a user error prints one line, any
 * other a short report (its stack under --debug). Shared by the whole CLI (main.ts) and the agent
 * gate's own script (hook-bundle.ts), so that both fail the same way.
 */
export async function runCommand(
  name: string,
  load: () => Promise<Command>,
  rest: string[],
  io: Omit<CommandContext, 'argv' | 'debug'>,
  debug: boolean,
): Promise<number> {
  listenForMarks(io.codeCache?.reached);
  try {
    const command = await load();
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
