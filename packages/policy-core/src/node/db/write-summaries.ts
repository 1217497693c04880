import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DeployError } from '../../index.js';
import { writeFileAtomic } from '../atomic-write.js';

/** Where the audit's summaries go, under the repository root (where teams' audit scripts kept them). */
export const AUDIT_DIR = 'ops/db_audit';

/** Writes a summary atomically (see atomic-write.ts); a failure is one line (DeployError, exit 1). */
export function writeSummaryFile(target: string, text: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (err) {
    throw new DeployError(
      'config',
      `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory is writable`,
    );
  }
}
