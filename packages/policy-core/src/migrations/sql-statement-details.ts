import type { SchemaOp } from './schema-op.js';
import { asArr, asObj, lastName, listSchema, type Obj, relname, relschema } from './sql-node.js';

// The details sql-ops.ts reads off one parsed statement's node, beyond its kind: the tables a
// CREATE TABLE references, the columns an UPDATE sets, the names a DROP drops, an enum's value.

/** The tables a CREATE TABLE's foreign keys reference, in a column (`REFERENCES t`) or beside them. */
export function foreignKeyTables(elements: unknown[]): string[] {
  const out = new Set<string>();
  const take = (c: unknown) => {
    const con = asObj(asObj(c)?.Constraint);
    const table = con?.contype === 'CONSTR_FOREIGN' ? relname(con.pktable) : undefined;
    if (table !== undefined) out.add(table);
  };
  for (const e of elements) {
    const el = asObj(e);
    if (el?.Constraint) take(el);
    for (const c of asArr(asObj(el?.ColumnDef)?.constraints)) take(c);
  }
  return [...out];
}

/** `UPDATE t SET a = 1, b = 2` → ["a", "b"]; undefined if any target is not a plain column. */
export function setColumns(targets: unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const t of targets) {
    const res = asObj(asObj(t)?.ResTarget);
    if (typeof res?.name !== 'string' || res.indirection !== undefined) return undefined;
    out.push(res.name);
  }
  return out;
}

/** Names in a DropStmt's objects: each is a List of Strings (tables) or a bare String (schemas). */
export function dropNames(objects: unknown[]): { name: string; schema?: string }[] {
  const out: { name: string; schema?: string }[] = [];
  for (const o of objects) {
    const obj = asObj(o);
    const list = asObj(obj?.List)?.items;
    const name = list ? lastName(asArr(list)) : lastName([o]);
    const schema = list ? listSchema(asArr(list)) : undefined;
    if (name) out.push(schema === undefined ? { name } : { name, schema });
  }
  return out;
}

/** CREATE TYPE ... AS ENUM and ALTER TYPE ... ADD VALUE (not RENAME VALUE, which names `oldVal`). */
export function enumFacts(kind: string, n: Obj): SchemaOp['enum'] {
  if (kind !== 'CreateEnumStmt' && kind !== 'AlterEnumStmt') return undefined;
  const type = lastName(asArr(n.typeName));
  if (type === undefined) return undefined;
  if (kind === 'CreateEnumStmt') return { type };
  return typeof n.newVal === 'string' && n.oldVal === undefined ? { type, added: n.newVal } : undefined;
}

/** The DELETE, UPDATE, INSERT and MERGE statements of a statement's WITH clause. */
export function modifyingCtes(n: Obj): { kind: string; node: Obj }[] {
  const out: { kind: string; node: Obj }[] = [];
  for (const cte of asArr(asObj(n.withClause)?.ctes)) {
    const query = asObj(asObj(asObj(cte)?.CommonTableExpr)?.ctequery);
    for (const kind of ['DeleteStmt', 'UpdateStmt', 'InsertStmt', 'MergeStmt']) {
      const node = asObj(query?.[kind]);
      if (node) out.push({ kind, node });
    }
  }
  return out;
}

/**
 * `PREPARE p AS DELETE FROM users`: the statement a PREPARE holds runs at each `EXECUTE p`; it is
 * judged where it is prepared, as if written there (a red team's `PREPARE p AS DELETE FROM users;
 * EXECUTE p;` emptied the table with no finding). One prepared and never executed runs nothing:
 * judging it anyway is the safe side.
 */
export function preparedQuery(kind: string, n: Obj): { kind: string; node: Obj }[] {
  if (kind !== 'PrepareStmt') return [];
  const query = asObj(n.query);
  const inner = query ? Object.keys(query)[0] : undefined;
  const node = inner ? asObj(query?.[inner]) : undefined;
  return inner && node ? [{ kind: inner, node }] : [];
}

/**
 * `CREATE RULE r AS ON INSERT TO users DO ALSO DELETE FROM users`: a rule's actions run at each
 * event it names, which may come in the same migration (a red team's next INSERT emptied the
 * table with no finding) or in production. Each is judged where the rule is made, as if written
 * there.
 */
export function ruleActions(kind: string, n: Obj): { kind: string; node: Obj }[] {
  if (kind !== 'RuleStmt') return [];
  return asArr(n.actions).flatMap((action) => {
    const inner = asObj(action);
    const name = inner ? Object.keys(inner)[0] : undefined;
    const node = name ? asObj(inner?.[name]) : undefined;
    return name && node ? [{ kind: name, node }] : [];
  });
}

/** The table a CREATE RULE or CREATE TRIGGER hooks: what is written to it may go elsewhere. */
export function interceptedTable(kind: string, n: Obj): { table: string; schema?: string } | undefined {
  const table = kind === 'RuleStmt' || kind === 'CreateTrigStmt' ? relname(n.relation) : undefined;
  if (table === undefined) return undefined;
  const schema = relschema(n.relation);
  return schema ? { table, schema } : { table };
}

/**
 * Statements a statement holds that run too, whatever it does: a data-modifying WITH's DELETE,
 * UPDATE or INSERT, a PREPARE's statement at each EXECUTE, a rule's actions at each event.
 */
export function innerStatements(kind: string, n: Obj): { kind: string; node: Obj }[] {
  return [...modifyingCtes(n), ...preparedQuery(kind, n), ...ruleActions(kind, n)];
}
