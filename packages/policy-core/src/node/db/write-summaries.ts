import { relative, sep } from 'node:path';
import { DeployError } from '../../index.js';
import { RefusedFile } from '../confined-read.js';
import { writeRepoFile } from '../confined-write.js';

/** Where the audit's summaries go, under the repository root (where teams' audit scripts kept them). */
export const AUDIT_DIR = 'ops/db_audit';

/**
 * Writes a summary atomically by the one writer (inside the repository `root`: a committed
 * `ops/db_audit` link to outside is refused); a failure is one line (DeployError, exit 1).
 */
export function writeSummaryFile(root: string, target: string, text: string): void {
  try {
    writeRepoFile(root, relative(root, target).split(sep).join('/'), text);
  } catch (err) {
    if (err instanceof RefusedFile) throw new DeployError('config', err.message);
    throw new DeployError(
      'config',
      `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory is writable`,
    );
  }
}
