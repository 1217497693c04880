import type { PrismaFileSends, PrismaScripts } from './prisma-version.js';
import type { SchemaOp } from './schema-op.js';
import { statementsPast } from './sql-statement-ends.js';

/** What the analysis says when no one read the project's Prisma version (a caller without the repository). */
const UNREAD: PrismaScripts = {
  deploy: 'unknown',
  shadow: 'unknown',
  said: "this project's Prisma version was not read",
};

/**
 * A Prisma migration.sql's ops, each with how Prisma sends the file, and `wrappedBy: 'prisma'`
 * where that is one query of several statements: PostgreSQL runs such a Query as one implicit
 * transaction (protocol docs, "Multiple Statements in a Simple Query"), a COMMIT in it
 * notwithstanding, and refuses CONCURRENTLY there (25001; prisma/prisma issue 22922).
 *
 * Before Prisma 7.4.0 the file goes whole (prisma-engines, postgres `apply_migration_script`:
 * `client.simple_query(script)`). From 7.4.0 it goes statement by statement when sqlparser reads
 * every statement, and whole when it does not (`split_script_into_statements` falls back to the
 * script): sqlparser reads `CREATE INDEX CONCURRENTLY` but not `DROP INDEX CONCURRENTLY`
 * (prisma-engines PR #5847), and whether it reads REINDEX or DETACH PARTITION ... CONCURRENTLY is
 * not known here, so a file holding one is taken as sent whole. A version not told is taken as
 * sending whole too (MIG021 says it could not be told). A file of one statement is never wrapped.
 */
export function prismaWrapped(ops: SchemaOp[], text: string, scripts: PrismaScripts = UNREAD): SchemaOp[] {
  const several = statementsPast(text, 1);
  const sends: PrismaFileSends = { scripts, several };
  const odd = several ? ops.find(unsplittable) : undefined;
  if (odd) {
    sends.unsplit = odd.label;
    if (odd.kind === 'drop_index') sends.unsplitKnown = true;
  }
  const wrapped = several && (scripts.deploy !== 'split' || odd !== undefined);
  for (const op of ops) {
    op.prisma = sends;
    if (wrapped) op.wrappedBy = 'prisma';
  }
  return ops;
}

/** CONCURRENTLY forms other than CREATE INDEX: the splitter does not read DROP INDEX's, and may not read the rest. */
function unsplittable(op: SchemaOp): boolean {
  return (
    op.concurrently === true &&
    (op.kind === 'drop_index' || op.kind === 'reindex' || op.kind === 'detach_partition')
  );
}

/** True when every path Prisma applies the file by (deploy, and migrate dev's shadow database) runs its statements one by one. */
export function prismaSplitsEverywhere(sends: PrismaFileSends): boolean {
  return sends.scripts.deploy === 'split' && sends.scripts.shadow === 'split' && sends.unsplit === undefined;
}
