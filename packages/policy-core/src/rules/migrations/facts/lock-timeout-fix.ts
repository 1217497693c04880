import type { Fix, Position } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { SqlRunner } from '../../../policy/schema/migrations.js';
import { LineIndex } from '../../../text-position.js';

/**
 * MIG037's fixes: a `lock_timeout` set before the first statement that would queue without one.
 * Each is offered only where the place it goes is certain from the file's own text; anywhere
 * else the finding carries no fix and the message says what to write.
 */

/** The statement each fix writes first, in SQL and in an Alembic revision (the validate-later fix too). */
export const SQL_SET = "SET lock_timeout = '5s';";
export const ALEMBIC_SET = `op.execute("SET lock_timeout = '5s'")`;
const ENV_SET = `context.execute("SET lock_timeout = '5s'")`;
const DJANGO_SET = `migrations.RunSQL("SET lock_timeout = '5s'", migrations.RunSQL.noop),`;

const insertAt = (file: string, at: Position, newText: string) => ({
  file,
  range: { start: at, end: at },
  newText,
});

/** The leading blanks of a line, or undefined when something else stands before `character`. */
function indentBefore(line: string, character: number): string | undefined {
  const before = line.slice(0, character);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * A .sql migration: `SET lock_timeout = '5s';` on its own line before the statement, indented
 * like it. Under goose, a statement inside `-- +goose StatementBegin` … `StatementEnd` is sent as
 * one piece, so the SET goes before the block. Drizzle sends each piece between breakpoints
 * whole, and a statement that starts mid-line or comes from another file (`\i`) has no certain
 * place: no fix.
 */
export function sqlLockTimeoutFix(
  path: string,
  text: string,
  op: SchemaOp,
  runner: SqlRunner,
): Fix | undefined {
  if (runner === 'drizzle' || (op.file !== undefined && op.file !== path)) return undefined;
  const index = new LineIndex(text);
  let at = op.range.start;
  if (runner === 'goose') {
    const block = gooseBlockStart(text.slice(0, index.offset(at)));
    if (block !== undefined) at = index.position(block);
  }
  const line = text.split('\n')[at.line] ?? '';
  const indent = indentBefore(line, at.character);
  if (indent === undefined) return undefined;
  const start = { line: at.line, character: 0 };
  return {
    title: `Add ${SQL_SET} before it`,
    edits: [insertAt(path, start, `${indent}${SQL_SET}\n`)],
  };
}

/** The offset of the `-- +goose StatementBegin` line the text before a statement leaves open. */
function gooseBlockStart(before: string): number | undefined {
  const re = /^[ \t]*--[ \t]*\+goose[ \t]+Statement(Begin|End)\b.*$/gim;
  let open: number | undefined;
  for (let m = re.exec(before); m; m = re.exec(before))
    open = (m[1] as string).toLowerCase() === 'begin' ? m.index : undefined;
  return open;
}

/**
 * An Alembic revision: `op.execute("SET lock_timeout = '5s'")` as the first statement of the
 * one module-level `def upgrade` (after its docstring), indented like the body. Offered only when
 * the module imports `op` from alembic and the body starts on a line of its own: where that
 * statement stands was read with the module (upgrade-first-line.ts), not parsed again here.
 */
export function alembicLockTimeoutFix(
  path: string,
  text: string,
  module: Pick<MigrationModule, 'upgradeFirstLine'>,
): Fix | undefined {
  if (!/^from[ \t]+alembic[ \t]+import[ \t]+[^\n]*\bop\b/m.test(text)) return undefined;
  if (/^upgrade[ \t]*=/m.test(text)) return undefined;
  const at = module.upgradeFirstLine;
  if (!at) return undefined;
  return {
    title: `Add ${ALEMBIC_SET} first in upgrade()`,
    edits: [insertAt(path, { line: at.line, character: 0 }, `${at.indent}${ALEMBIC_SET}\n`)],
  };
}

/**
 * Alembic's env.py: `context.execute("SET lock_timeout = '5s'")` before each
 * `context.run_migrations()` (online it runs on the migration's connection; offline it is written
 * into the script), so every revision runs with it. A choice for a person: it changes every
 * migration the tree runs, not only this one.
 */
export function envLockTimeoutFix(envPath: string, envText: string): Fix | undefined {
  const edits = [];
  const lines = envText.split('\n');
  for (const [i, line] of lines.entries()) {
    const m = /^([ \t]+)context\.run_migrations\(\)/.exec(line);
    if (m) edits.push(insertAt(envPath, { line: i, character: 0 }, `${m[1]}${ENV_SET}\n`));
  }
  if (edits.length === 0) return undefined;
  return { title: `Set lock_timeout for every migration in ${envPath}`, edits, choice: true };
}

/**
 * A Django migration: `migrations.RunSQL("SET lock_timeout = '5s'", migrations.RunSQL.noop)` as
 * the first element of its one `operations = [` list, when the list's first element starts a
 * line of its own and the module imports `migrations` from django.db.
 */
export function djangoLockTimeoutFix(path: string, text: string): Fix | undefined {
  if (!/^from[ \t]+django\.db[ \t]+import[ \t]+[^\n]*\bmigrations\b/m.test(text)) return undefined;
  const lists = [
    ...text.matchAll(/^[ \t]+operations[ \t]*=[ \t]*\[[ \t]*\r?\n(?:[ \t]*\r?\n)*([ \t]+)[^\s\]#]/gm),
  ];
  const only = lists.length === 1 ? lists[0] : undefined;
  if (!only || /^[ \t]*operations[ \t]*[=+]/m.test(text.slice((only.index ?? 0) + only[0].length)))
    return undefined;
  const indent = only[1] as string;
  const lineStart = (only.index ?? 0) + only[0].length - 1 - indent.length;
  const at = new LineIndex(text).position(lineStart);
  return {
    title: `Add ${DJANGO_SET.slice(0, -1)} first in operations`,
    edits: [insertAt(path, at, `${indent}${DJANGO_SET}\n`)],
  };
}
