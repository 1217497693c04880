import type { SchemaOp } from './schema-op.js';
import { asObj, type Obj, relname, relschema } from './sql-node.js';

/**
 * The table whose reads a statement may filter for the role running the migrations: a policy
 * created or changed on it (CREATE / ALTER POLICY), its row security enabled or forced (ALTER
 * TABLE … ENABLE / FORCE ROW LEVEL SECURITY). Once forced, or for a role that does not own the
 * table, a `SELECT` of it returns only the rows a policy lets through, without an error: a copy
 * `INSERT … SELECT * FROM it` keeps only those, measured on PostgreSQL 15 as the table's owner
 * (packages/cli/test/db/swap-copy-row-security-on-postgres.test.ts). A superuser, or a role with
 * BYPASSRLS, reads every row; which role runs a deploy the file does not say.
 */
export function rowSecurityFacts(kind: string, n: Obj): Pick<SchemaOp, 'filtersReads'> {
  const filtered = kind === 'CreatePolicyStmt' || kind === 'AlterPolicyStmt' ? tableOf(n.table) : undefined;
  return filtered ? { filtersReads: filtered } : {};
}

/**
 * ALTER TABLE's ENABLE / FORCE / DISABLE ROW LEVEL SECURITY subcommands (`cmds`, one op each) on
 * `relation`. NO FORCE is not read as turning filtering off: a role that does not own the table
 * is still filtered, and which role runs a deploy the file does not say.
 */
export function markRowSecuritySteps(
  ops: SchemaOp[],
  cmds: readonly (Obj | undefined)[],
  relation: unknown,
): void {
  ops.forEach((op, i) => {
    const subtype = cmds[i]?.subtype;
    const table =
      subtype === 'AT_EnableRowSecurity' ||
      subtype === 'AT_ForceRowSecurity' ||
      subtype === 'AT_DisableRowSecurity'
        ? tableOf(relation)
        : undefined;
    if (!table) return;
    if (subtype === 'AT_DisableRowSecurity') op.rowSecurityOff = table;
    else op.filtersReads = table;
    if (subtype === 'AT_EnableRowSecurity') op.rowSecurityOn = true;
  });
}

function tableOf(relation: unknown): { table: string; schema?: string } | undefined {
  const table = relname(asObj(relation));
  if (table === undefined) return undefined;
  const schema = relschema(asObj(relation));
  return schema ? { table, schema } : { table };
}
