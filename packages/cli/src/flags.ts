import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags strictly; an unknown flag or a missing value is a UserError (exit 2)
 * naming the command and the flag, never a stack trace.
 */
export function parseFlags<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `${msg.replace(/\. To specify a positional.*$/s, '')} (see \`slipway ${command} --help\`)`,
    );
  }
}
