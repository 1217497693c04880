import type { Finding } from '../../../finding.js';
import type { SqlMigrationFile } from '../../../migrations/analyze.js';
import { refusedSqlOps } from '../../../migrations/refused-file.js';
import { readSqlFileOps } from '../../../migrations/sql-file-read.js';
import type { PrismaScripts } from '../../../migrations/prisma-version.js';
import type { SqlFileResults } from '../../../migrations/sql-result-store.js';
import type { SqlRunner } from '../../../policy/schema/migrations.js';
import type { AnyRule } from '../../../rule.js';
import type { MigFileRule, SqlSource } from './mig-facts.js';

/** The MIG rules that read one migration file alone (`facts: 'migration-file'`). */
export function migFileRulesOf(rules: readonly AnyRule[]): MigFileRule[] {
  return rules.filter((r) => r.facts === 'migration-file') as MigFileRule[];
}

/** The per-file rules' findings on one .sql migration file, for every dialect (the family filters). */
export function judgeSqlFile(
  file: SqlMigrationFile,
  fileRules: readonly MigFileRule[],
  source?: SqlSource,
): Finding[] {
  return fileRules.flatMap((r) => r.check({ kind: 'sql', file, ...(source ? { source } : {}) }));
}

/**
 * Everything one .sql migration file yields from its text alone (SqlFileResults): what the
 * analyzer reads and the family judges on the main thread, computed in one call so that a
 * worker thread hands back the same data. Needs the SQL parser loaded.
 */
export function sqlFileResults(
  path: string,
  text: string,
  runner: SqlRunner,
  fileRules: readonly MigFileRule[],
  prisma?: PrismaScripts,
): SqlFileResults {
  const ops = readSqlFileOps(path, text, runner, prisma);
  return { ops, findings: judgeSqlFile({ path, ops }, fileRules, { text: () => text, runner }) };
}

/**
 * What stands for a file whose results could not be computed (the worker reading it crashed or
 * never finished): one MIG030 error on its first line saying why, as for a file past a limit.
 */
export function unreadSqlFileResults(
  path: string,
  text: string,
  message: string,
  fileRules: readonly MigFileRule[],
): SqlFileResults {
  const ops = refusedSqlOps(text, message);
  return { ops, findings: judgeSqlFile({ path, ops }, fileRules) };
}
