import type { Range } from '../finding.js';
import { LIMITS, megabytes } from '../limits.js';
import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';
import { unread } from './sql-text.js';
import { statementsPast } from './sql-statement-ends.js';

/**
 * Migration files Slipway refuses to read: over a limit of limits.ts, or a symbolic link that
 * leads outside the repository (the host refuses those unread). Alembic or psql may still run
 * them, so this is not the file's fault the way a syntax error is: the finding says which file,
 * which limit, and what to do, in one sentence of its own.
 */

/** Why `text` at `path` is past a limit, as a whole message; undefined when it is within all. */
export function pastLimit(path: string, text: string, kind: 'python' | 'sql' | 'js'): string | undefined {
  const limit =
    kind === 'python' ? LIMITS.migration.chars : kind === 'js' ? LIMITS.jsMigration.chars : LIMITS.sql.chars;
  const what =
    kind === 'python'
      ? 'one Alembic migration'
      : kind === 'js'
        ? 'one JavaScript or TypeScript migration'
        : 'one SQL migration file';
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
