import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@slipway/policy-core/node';
import { UserError } from '../command.js';

/** Where the seed's db_audit.sh left its summaries. */
export const AUDIT_DIR = 'ops/db_audit';

/** Writes a summary atomically (see atomic-write.ts); a failure is one line, exit 1. */
export function writeSummaryFile(target: string, text: string): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (err) {
    throw new UserError(
      `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? err}; check the directory is writable`,
      1,
    );
  }
}
