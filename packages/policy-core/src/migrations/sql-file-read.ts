import type { SqlRunner } from '../policy/schema/migrations.js';
import { binarySqlOps, isBinaryText, unusableSource, unusableSqlOps } from './binary-file.js';
import { pastLimit, refusedSqlOps } from './refused-file.js';
import type { SchemaOp } from './schema-op.js';
import { sqlFileOps } from './sql-file.js';
import type { PrismaScripts } from './prisma-version.js';

/**
 * The ops of one `.sql` migration file as the analyzer reads it: refused past a limit, one
 * finding for an unusable or binary file, else its statements. A function of the text, the path,
 * the runner and how the project's Prisma sends a file alone, so that a worker thread computes
 * exactly what the main thread would.
 */
export function readSqlFileOps(
  path: string,
  text: string,
  runner: SqlRunner,
  prisma?: PrismaScripts,
): SchemaOp[] {
  const refused = pastLimit(path, text, 'sql');
  if (refused) return refusedSqlOps(text, refused);
  const unusable = unusableSource(text, 'sql');
  if (unusable) return unusableSqlOps(text, unusable);
  return isBinaryText(text) ? binarySqlOps(text) : sqlFileOps(text, path, runner, prisma);
}
