import { LineIndex } from '../text-position.js';
import type { SchemaOp } from './schema-op.js';
import { sqlSourceOps } from './sql-text.js';

/** Ops of a `.sql` migration file; findings sit on each statement's own first line. */
export function sqlFileOps(text: string): SchemaOp[] {
  return sqlSourceOps({ sql: text, offsetAt: (i) => i, lines: new LineIndex(text) });
}
