import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';
import { unread } from './sql-text.js';

/**
 * Files that hold NUL bytes are binary, not text. Alembic imports every `.py` in a version
 * folder and Python refuses such a file ("source code string cannot contain null bytes"), so it
 * breaks every migration command: it must be reported, not skipped. A `.sql` file the policy
 * names is run as SQL, so a binary one is reported as unread SQL.
 */
export function isBinaryText(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * The whole file is unusable, so the finding sits on its first line (where a suppression comment
 * or a marker can be written, which a binary line rarely allows); the message names the first
 * NUL's line.
 */
function place(text: string): { range: Range; nulLine: number } {
  const lines = new LineIndex(text);
  return { range: lines.lineRange(0), nulLine: lines.position(text.indexOf('\u0000')).line + 1 };
}

/** A version-folder `.py` file holding NUL bytes: not a migration, one syntax error. */
export function binaryPythonModule(path: string, text: string): MigrationModule {
  const { range, nulLine } = place(text);
  return {
    path,
    isMigration: false,
    header: {},
    syntaxError: {
      value: `the file contains NUL bytes (binary content, not Python source), so Python cannot load it (first on line ${nulLine})`,
      range,
    },
  };
}

/** A `.sql` migration file holding NUL bytes: one unread-SQL op on the first NUL's line. */
export function binarySqlOps(text: string): SchemaOp[] {
  const { range, nulLine } = place(text);
  return [
    unread(range, `the file contains NUL bytes (binary content, not SQL text; first on line ${nulLine})`),
  ];
}
