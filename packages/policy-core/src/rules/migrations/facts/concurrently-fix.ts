import type { Fix, TextEdit } from '../../../finding.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import { LineIndex } from '../../../text-position.js';
import type { MigrationFile } from './mig-facts.js';

/**
 * MIG020's fix in a .sql migration: CREATE INDEX CONCURRENTLY, with what takes the file out of
 * its runner's transaction (PostgreSQL refuses CONCURRENTLY inside one). Offered only where that
 * is certain from the file: the index is the only statement the file runs forward (a second one
 * would lose its transaction, or, sent with it in one query string, put the build back in an
 * implicit one), it is in no explicit BEGIN block, and the runner is one whose way out the fix
 * can write: goose (`-- +goose NO TRANSACTION`, for the whole file, so the way back must be one
 * statement too), dbmate (`transaction:false` on the `-- migrate:up` line) or golang-migrate
 * (no transaction of its own). Plain psql files are left alone: `psql --single-transaction`
 * would wrap them, and that is not in the file.
 */
export function concurrentlyFix(op: SchemaOp, file: MigrationFile): Fix | undefined {
  if (file.kind !== 'sql' || !file.source || op.kind !== 'create_index') return undefined;
  const { runner } = file.source;
  const path = file.file.path;
  if (runner !== 'goose' && runner !== 'dbmate' && runner !== 'golang-migrate') return undefined;
  if (op.inTransaction || op.back || (op.file !== undefined && op.file !== path)) return undefined;
  const forward = forwardOps(file.file.ops);
  if (forward.length !== 1 || forward[0] !== op) return undefined;
  const text = file.source.text();
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const keyword = /^CREATE\s+(?:UNIQUE\s+)?INDEX\b/i.exec(text.slice(index.offset(op.range.start)));
  if (!keyword) return undefined;
  const after = index.position(index.offset(op.range.start) + keyword[0].length);
  const edits: TextEdit[] = [{ file: path, range: { start: after, end: after }, newText: ' CONCURRENTLY' }];
  let how = '';
  if (op.wrappedBy === 'goose') {
    if (file.file.ops.length - forward.length > 1) return undefined;
    const top = { line: 0, character: 0 };
    edits.unshift({ file: path, range: { start: top, end: top }, newText: '-- +goose NO TRANSACTION\n' });
    how = ' and -- +goose NO TRANSACTION';
  } else if (op.wrappedBy === 'dbmate') {
    const marker = /^[ \t]*--[ \t]*migrate:up\b[^\r\n]*/m.exec(text);
    if (!marker) return undefined;
    const end = index.position(marker.index + marker[0].trimEnd().length);
    edits.push({ file: path, range: { start: end, end }, newText: ' transaction:false' });
    how = ' and transaction:false on -- migrate:up';
  } else if (op.wrappedBy !== undefined) return undefined;
  return { title: `Build it with CREATE INDEX CONCURRENTLY${how}`, edits };
}
