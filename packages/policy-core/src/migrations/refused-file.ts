import type { Range } from '../finding.js';
import { LIMITS, megabytes } from '../limits.js';
import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';
import { unread } from './sql-text.js';

/**
 * Migration files Slipway refuses to read: over a limit of limits.ts, or a symbolic link that
 * leads outside the repository (the host refuses those unread). Alembic or psql may still run
 * them, so this is not the file's fault the way a syntax error is: the finding says which file,
 * which limit, and what to do, in one sentence of its own.
 */

/** Why `text` at `path` is past a limit, as a whole message; undefined when it is within all. */
export function pastLimit(path: string, text: string, kind: 'python' | 'sql'): string | undefined {
  const limit = kind === 'python' ? LIMITS.migration.chars : LIMITS.sql.chars;
  const what = kind === 'python' ? 'one Alembic migration' : 'one SQL migration file';
  if (text.length > limit)
    return `${path} is ${megabytes(text.length)}, more than the ${megabytes(limit)} Slipway reads of ${what}, so it was not checked; split it into smaller migrations.`;
  const max = LIMITS.sql.statements;
  if (kind === 'sql' && statementsPast(text, max))
    return `${path} holds more than ${max.toLocaleString('en-US')} SQL statements, the most Slipway reads of ${what}, so it was not checked; split it into smaller migrations.`;
  return undefined;
}

/** The message for a migration file the host refused to read (`RepoView.whyUnread`). */
export function refusedUnread(why: string): string {
  return `${why}; commit the migration itself in its place.`;
}

/** A version-folder `.py` file Slipway did not read: not a migration, one MIG130 finding. */
export function refusedPythonModule(path: string, text: string, message: string): MigrationModule {
  return {
    path,
    isMigration: false,
    header: {},
    syntaxError: { value: message, range: firstLine(text) },
    refused: true,
  };
}

/** A `.sql` migration file Slipway did not read: one MIG030 finding on its first line. */
export function refusedSqlOps(text: string, message: string): SchemaOp[] {
  return [{ ...unread(firstLine(text), message), refused: true }];
}

function firstLine(text: string): Range {
  const nl = text.indexOf('\n');
  const end = Math.min(nl === -1 ? text.length : nl, 200);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: end } };
}

/**
 * True when `sql` holds more than `max` statements: `;`s that end one, outside quotes, quoted
 * identifiers, comments (nested `/* *\/` too) and dollar quotes. One pass that stops at the
 * first statement past the limit, before PostgreSQL's parser sees the file.
 */
export function statementsPast(sql: string, max: number): boolean {
  let count = 0;
  let content = false;
  const n = sql.length;
  for (let i = 0; i < n; i++) {
    const c = sql.charCodeAt(i);
    if (c === 0x3b) {
      if (content && ++count > max) return true;
      content = false;
    } else if (c === 0x27 || c === 0x22) {
      const close = sql.indexOf(c === 0x27 ? "'" : '"', i + 1);
      i = close === -1 ? n : close;
      content = true;
    } else if (c === 0x2d && sql.charCodeAt(i + 1) === 0x2d) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (c === 0x2f && sql.charCodeAt(i + 1) === 0x2a) {
      let depth = 1;
      for (i += 2; i < n && depth > 0; i++) {
        const d = sql.charCodeAt(i);
        const e = sql.charCodeAt(i + 1);
        if (d === 0x2f && e === 0x2a) {
          depth++;
          i++;
        } else if (d === 0x2a && e === 0x2f) {
          depth--;
          i++;
        }
      }
      i--;
    } else if (c === 0x24) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length - 1;
      }
      content = true;
    } else if (c > 0x20) content = true;
  }
  return content && count + 1 > max;
}
