import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../command.js';

/** Where the seed's db_audit.sh left its summaries. */
export const AUDIT_DIR = 'ops/db_audit';

/**
 * Writes a file so that a reader sees the old or the new content, never half of it: temp file
 * in the same directory, fsync, rename.
 */
export function writeFileAtomic(target: string, text: string): void {
  mkdirSync(dirname(target), { recursive: true });
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
      `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory is writable`,
      1,
    );
  }
}
