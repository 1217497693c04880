import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../src/command.js';
import { main } from '../../src/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `slipway ARGS` in-process through the real entry (flag parsing, errors, exit codes).
 * `host`: what this process lends the command (a trace database kept open between traces).
 */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
  host: Pick<CommandContext, 'openTraceDb'> = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await main(argv, {
    ...host,
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdin: new PassThrough(),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}
