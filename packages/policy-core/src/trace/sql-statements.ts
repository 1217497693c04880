import { parseSql, type SqlStatement } from '../migrations/sql-parser.js';
import { parseEachStatement } from '../migrations/sql-split.js';
import { LineIndex } from '../text-position.js';
import { documentedLocks } from './documented-locks.js';
import { namesMade } from './entity-names.js';
import type { NotTraced, PlannedStatement } from './plan-types.js';
import { columnTypeChanges } from './stand-in-tracking.js';

type Obj = Record<string, unknown>;

/** Whether the statement's parse tree has a `$n` parameter (a function body is a string: not counted). */
function takesParameters(node: Obj): boolean {
  // A function's BEGIN ATOMIC body (`sql_body`) uses its own parameters.
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      if ('ParamRef' in v) return true;
      for (const [key, value] of Object.entries(v)) if (key !== 'sql_body') stack.push(value);
    }
  }
  return false;
}

/** Statements PostgreSQL refuses inside a transaction block. */
function mustRunOutside(kind: string, node: Obj): boolean {
  if (kind === 'IndexStmt' || kind === 'DropStmt') return node.concurrent === true;
  // ANALYZE is a VacuumStmt too, and runs in a transaction; the parser's JSON leaves false fields out.
  if (kind === 'VacuumStmt') return node.is_vacuumcmd === true;
  if (kind === 'ReindexStmt')
    return (
      (node.params as Obj[] | undefined)?.some(
        (p) => (p.DefElem as Obj | undefined)?.defname === 'concurrently',
      ) === true
    );
  if (kind === 'AlterTableStmt')
    return (
      (node.cmds as Obj[] | undefined)?.some(
        (c) =>
          (((c.AlterTableCmd as Obj | undefined)?.def as Obj | undefined)?.PartitionCmd as Obj | undefined)
            ?.concurrent === true,
      ) === true
    );
  return kind === 'CreatedbStmt' || kind === 'DropdbStmt';
}

/**
 * The statements of one SQL text (a .sql file, or an op.execute string at `baseLine`). The
 * file's own BEGIN / COMMIT are left out: trace runs each statement in a transaction of its own.
 * Text PostgreSQL's parser rejects is listed as not traced.
 */
export function sqlStatements(
  file: string,
  text: string,
  baseLine?: number,
  outside = false,
): { statements: PlannedStatement[]; notTraced: NotTraced[] } {
  const parsed = parseSql(text);
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => baseLine ?? lines.position(offset).line + 1;
  if (parsed.status === 'unavailable')
    return { statements: [], notTraced: [{ file, line: lineOf(0), reason: 'the SQL parser is not loaded' }] };
  const statements: PlannedStatement[] = [];
  const notTraced: NotTraced[] = [];
  // A script PostgreSQL rejects as a whole is read statement by statement: the bad ones are
  // listed as not traced, the others still run.
  const parts = parsed.status === 'error' ? (parseEachStatement(text) ?? [parsed]) : [parsed];
  const parsedStatements: SqlStatement[] = [];
  for (const part of parts) {
    if (part.status === 'ok') parsedStatements.push(...part.statements);
    else if (part.status === 'error')
      notTraced.push({
        file,
        line: lineOf(part.offset),
        reason: `PostgreSQL's parser rejects it: ${part.message}`,
        cause: "SQL PostgreSQL's parser rejects",
      });
  }
  for (const s of parsedStatements) {
    if (s.kind === 'TransactionStmt') {
      notTraced.push({
        file,
        line: lineOf(s.start),
        reason: 'transaction control: each statement runs in its own transaction',
      });
      continue;
    }
    // `$1`: a value the migration passes when it runs (`queryRunner.query(sql, [value])`), which
    // trace does not have; run without it, PostgreSQL would only say the parameter is missing.
    // PREPARE declares the parameters it uses.
    if (s.kind !== 'PrepareStmt' && takesParameters(s.node)) {
      notTraced.push({
        file,
        line: lineOf(s.start),
        reason:
          'it takes bind parameters ($1, ...) the migration passes when it runs, which trace does not have',
        cause: 'SQL with bind parameters passed at run time',
      });
      continue;
    }
    const outsideTransaction = outside || mustRunOutside(s.kind, s.node);
    const documented = outsideTransaction ? documentedLocks(s.kind, s.node) : undefined;
    const typeChanges = columnTypeChanges(s.kind, s.node);
    const makes = namesMade(s.kind, s.node);
    statements.push({
      file,
      line: lineOf(s.start),
      ...(baseLine === undefined ? { column: lines.position(s.start).character + 1 } : {}),
      sql: text.slice(s.start, s.end),
      outsideTransaction,
      ...(documented ? { documentedLocks: documented } : {}),
      ...(typeChanges ? { typeChanges } : {}),
      ...(makes.length > 0 ? { makes } : {}),
    });
  }
  // A column tells statements of one line apart; alone on its line, a statement needs none.
  const perLine = new Map<number, number>();
  for (const st of statements) perLine.set(st.line, (perLine.get(st.line) ?? 0) + 1);
  for (const st of statements) if ((perLine.get(st.line) ?? 0) < 2) delete st.column;
  return { statements, notTraced };
}
