import { LineIndex } from '../text-position.js';
import { readsAsPsql, type SqlRunner } from '../policy/schema/migrations.js';
import type { SchemaOp } from './schema-op.js';
import {
  backSections,
  blankSections,
  drizzlePieces,
  runnerWrapsInTransaction,
  sqlFilePart,
  withoutTemplates,
} from './sql-migration-parts.js';
import { sqlSourceOps } from './sql-text.js';
import { joinPieceOps } from './sql-file-pieces.js';
import { psqlFileOps } from './psql-meta-ops.js';
import { psqlScript } from './psql-script.js';
import { prismaWrapped } from './prisma-script.js';
import type { PrismaScripts } from './prisma-version.js';

/**
 * Ops of a `.sql` migration file; findings sit on each statement's own first line. An empty
 * (or whitespace-only) file runs nothing, so it yields nothing; PostgreSQL would call an empty
 * string an error ("Query cannot be empty"), but psql and migration runners accept the file.
 * A UTF-8 byte order mark (Windows editors write one) is not SQL: psql skips it, and so do we,
 * with a space in its place so every offset stays the file's own.
 *
 * Under a runner with a way back (`migrations.sql_runner`: a `.down.sql` file, a `-- +goose Down`
 * section; sql-migration-parts.ts) that part is read too, its ops marked `back`: rules about what
 * a migration does forward leave them alone. A file the runner keeps for another database yields
 * nothing. Under psql (`plain`), meta-commands and `:variables` are read as psql reads them
 * (psql-script.ts). Under Prisma, how the project's Prisma sends a file (`prisma`, read from its
 * package.json and lock: prisma-version.ts) decides whether its statements share a transaction.
 */
export function sqlFileOps(
  text: string,
  path = '',
  runner: SqlRunner = 'plain',
  prisma?: PrismaScripts,
): SchemaOp[] {
  if (text.trim() === '') return [];
  const part = sqlFilePart(path, runner);
  if (part === 'other-database') return [];
  const sql = withoutTemplates(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, runner);
  const lines = new LineIndex(text);
  const read = (source: string) =>
    source.trim() === '' ? [] : sqlSourceOps({ sql: source, offsetAt: (i) => i, lines });
  const wrap = (ops: SchemaOp[], direction: 'up' | 'down') => {
    if (runner === 'prisma') return prismaWrapped(ops, sql, prisma);
    if (runnerWrapsInTransaction(sql, runner, direction)) for (const op of ops) op.wrappedBy = runner;
    return ops;
  };
  // psql (`plain`) reads meta-commands and variables first (psql-script.ts); other runners send the text.
  if (readsAsPsql(runner)) {
    const script = psqlScript(sql);
    if (script) return psqlFileOps(script, lines);
  }
  if (runner === 'drizzle') return wrap(drizzleOps(sql, lines), 'up');
  if (part === 'back') return wrap(markBack(read(sql)), 'down');
  const back = backSections(sql, runner);
  if (back.length === 0) return wrap(read(sql), 'up');
  return [
    ...wrap(read(blankSections(sql, back, false)), 'up'),
    ...wrap(markBack(read(blankSections(sql, back, true))), 'down'),
  ];
}

/**
 * A Drizzle migration as Drizzle runs it: each piece between `--> statement-breakpoint` markers
 * read on its own (a piece without a closing `;` does not run into the next), each op placed in
 * the file. A BEGIN in one piece and its COMMIT in another still enclose what is between.
 */
function drizzleOps(sql: string, lines: LineIndex): SchemaOp[] {
  const pieces = drizzlePieces(sql)
    .filter(({ from, to }) => sql.slice(from, to).trim() !== '')
    .map(({ from, to }) => sqlSourceOps({ sql: sql.slice(from, to), offsetAt: (i) => from + i, lines }));
  return joinPieceOps(pieces);
}

function markBack(ops: SchemaOp[]): SchemaOp[] {
  for (const op of ops) op.back = true;
  return ops;
}

// Op lists are never changed once analysed: each rule asks for the same list's forward part
// (about 30 rules, each a pass over a seed file's 70,000 statements), so it is found once.
const forward = new WeakMap<readonly SchemaOp[], readonly SchemaOp[]>();

/** The ops a migration runs forward: all but the way back. */
export function forwardOps(ops: readonly SchemaOp[]): readonly SchemaOp[] {
  let found = forward.get(ops);
  if (found === undefined) {
    found = ops.some((op) => op.back) ? ops.filter((op) => !op.back) : ops;
    forward.set(ops, found);
  }
  return found;
}
