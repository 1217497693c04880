import type { SchemaOp } from './schema-op.js';
import { functionBodyOps, type PlaceInner } from './do-block.js';
import { asArr, asObj } from './sql-node.js';
import type { SqlStatement } from './sql-parser.js';

/**
 * A function a migration creates and then calls runs its body there: `CREATE FUNCTION f() ...
 * AS $$ BEGIN DROP TABLE users; END $$` then `SELECT f();` (or `CALL p()`, or `PERFORM f()` in a
 * DO block) drops users. The body is read when the function is created (do-block.ts reads it as
 * a DO block's), kept on the creating op (`defines`), and put in the op list after each later
 * statement that calls it by name (`calls`), so every rule judges it where it runs; its findings
 * sit on the body's own lines. A function created and never called runs nothing: its body is not
 * judged. Matched by the function's name alone (no schema, no overloads): the safe side. Read
 * per SQL text (a .sql file, one op.execute string) and again over a whole Alembic upgrade(),
 * where one op.execute creates the function and another calls it.
 */

/** Deepest chain of calls followed (f calls g calls h ...); a loop is followed once. */
const MAX_DEPTH = 8;

/** `defines` for CREATE FUNCTION / PROCEDURE, `calls` for SELECT and CALL; nothing for others. */
export function functionFacts(stmt: SqlStatement, text: string, place: PlaceInner): Partial<SchemaOp> {
  if (stmt.kind === 'CreateFunctionStmt') {
    const name = lastName(stmt.node.funcname);
    if (name === undefined) return {};
    const body = functionBodyOps(stmt, text, place, name);
    return { defines: { name, ops: body.ops, unread: body.unread } };
  }
  if (stmt.kind === 'CallStmt' || stmt.kind === 'SelectStmt') {
    const calls = new Set<string>();
    collectCalls(stmt.node, calls);
    // dblink's functions run SQL on a connection of their own (a red team's
    // `SELECT dblink_exec('…', 'DROP TABLE users')` dropped it): what they run is MIG042's.
    const remote = ['dblink_exec', 'dblink'].find((f) => calls.has(f));
    return calls.size === 0
      ? {}
      : {
          calls: [...calls],
          ...(remote
            ? {
                unfollowed: `${remote}(…)`,
                reason: 'runs SQL on a connection of its own, which the rules do not read',
              }
            : {}),
        };
  }
  return {};
}

function lastName(names: unknown): string | undefined {
  const parts = asArr(names);
  const last = asObj(asObj(parts[parts.length - 1])?.String)?.sval;
  return typeof last === 'string' ? last.toLowerCase() : undefined;
}

function collectCalls(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectCalls(item, out);
    return;
  }
  const obj = asObj(node);
  if (!obj) return;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'FuncCall' || key === 'funccall') {
      const name = lastName(asObj(value)?.funcname);
      if (name !== undefined) out.add(name);
    }
    if (typeof value === 'object' && value !== null) collectCalls(value, out);
  }
}

/** `ops` with the body of each function the migration created put after each later call of it. */
export function withCalledBodies(ops: SchemaOp[]): SchemaOp[] {
  if (!ops.some((op) => op.defines)) return ops;
  const defined = new Map<string, NonNullable<SchemaOp['defines']>>();
  const out: SchemaOp[] = [];
  for (const op of ops) {
    if (op.defines) defined.set(op.defines.name, op.defines);
    if (!op.calls?.some((name) => defined.has(name))) {
      out.push(op);
      continue;
    }
    // A copy without `calls`: a second pass (an Alembic upgrade() over all its op.execute
    // strings) must not put the body in again.
    const { calls: _, ...call } = op;
    out.push(call);
    expand(out, op, defined, []);
  }
  return out;
}

function expand(
  out: SchemaOp[],
  call: SchemaOp,
  defined: ReadonlyMap<string, NonNullable<SchemaOp['defines']>>,
  chain: readonly string[],
): void {
  for (const name of call.calls ?? []) {
    const fn = defined.get(name);
    if (!fn || chain.includes(name) || chain.length >= MAX_DEPTH) continue;
    // An unread op as sql-text.ts's unread() makes one (not imported: sql-text.ts imports this file).
    for (const reason of fn.unread)
      out.push({
        kind: 'unread_sql',
        reason: `${reason} (called by ${call.label})`,
        range: call.range,
        source: 'sql',
        label: call.label,
      });
    for (const op of fn.ops) {
      const { calls: _, ...copy } = op;
      if (call.inTransaction) copy.inTransaction = true;
      out.push(copy);
      if (op.calls) expand(out, op, defined, [...chain, name]);
    }
  }
}
