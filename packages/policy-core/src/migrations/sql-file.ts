import { LineIndex } from '../text-position.js';
import type { SchemaOp } from './schema-op.js';
import { sqlSourceOps } from './sql-text.js';

/**
 * Ops of a `.sql` migration file; findings sit on each statement's own first line. An empty
 * (or whitespace-only) file runs nothing, so it yields nothing; PostgreSQL would call an empty
 * string an error ("Query cannot be empty"), but psql and migration runners accept the file.
 * A UTF-8 byte order mark (Windows editors write one) is not SQL: psql skips it, and so do we,
 * with a space in its place so every offset stays the file's own.
 */
export function sqlFileOps(text: string): SchemaOp[] {
  if (text.trim() === '') return [];
  const sql = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  return sqlSourceOps({ sql, offsetAt: (i) => i, lines: new LineIndex(text) });
}
