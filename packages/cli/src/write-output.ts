import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError } from './command.js';

/** Writes a report to `--output` atomically (temp file, fsync, rename), or to stdout. */
export function writeReport(text: string, output: string | undefined, cwd: string, stdout: Writable): void {
  if (!output) {
    stdout.write(text);
    return;
  }
  const target = resolve(cwd, output);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UserError(
      `cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory exists and is writable`,
    );
  }
}
