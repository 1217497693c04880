import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { writeFileAtomic } from '@slipway/policy-core/node';
import { UserError } from './command.js';

/** Writes a report to `--output` atomically (temp file, fsync, rename), or to stdout. */
export function writeReport(text: string, output: string | undefined, cwd: string, stdout: Writable): void {
  if (!output) {
    stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(resolve(cwd, output), text);
  } catch (err) {
    throw new UserError(
      `cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory exists and is writable`,
    );
  }
}
