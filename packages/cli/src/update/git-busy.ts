import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A git that crashed (or still runs) leaves `index.lock`: checkout would fail, and so would the
 * rollback's checkout, recording a failure (and opening the circuit) for a tree nobody touched.
 * The updater refuses before changing anything instead. Returns the reason, or undefined.
 */
export function gitBusy(root: string, gitDir: string): string | undefined {
  const lock = join(gitDir, 'index.lock');
  if (!existsSync(lock)) return undefined;
  return `${lock} exists: another git may be running in ${root}; if none is, remove that file and run again`;
}
