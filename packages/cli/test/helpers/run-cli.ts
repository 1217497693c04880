import { PassThrough } from 'node:stream';
import { main } from '../../src/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `slipway ARGS` in-process through the real entry (flag parsing, errors, exit codes). */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
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
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdin: new PassThrough(),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}
