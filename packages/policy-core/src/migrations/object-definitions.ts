import type { SchemaOp } from './schema-op.js';
import { asArr, asObj, lastName, listSchema, type Obj, relname, relschema } from './sql-node.js';

/**
 * Which view, function, index, trigger or constraint a statement drops or creates, and what a
 * creation defines, normalised: its parse tree without positions and without the words that
 * change how it is made but not what is made (OR REPLACE, IF NOT EXISTS, CONCURRENTLY, NOT VALID).
 * An upgrade that drops an object and makes it again with the definition it had leaves nothing
 * for downgrade() to undo (undone-in-upgrade.ts); one made again differently is a change.
 */
export type SchemaObject = NonNullable<SchemaOp['object']>;

const fold = (s: string | undefined) => s?.toLowerCase() ?? '';

/** Keys that say where or how, not what. */
const NOT_DEFINITION = new Set([
  'location',
  'stmt_location',
  'stmt_len',
  'replace',
  'if_not_exists',
  'concurrent',
  'skip_validation',
  'initially_valid',
]);

/** A parse tree as one string with what NOT_DEFINITION names left out; object keys in order. */
export function normalisedTree(node: unknown): string {
  return JSON.stringify(node, (key, value) => {
    if (NOT_DEFINITION.has(key)) return undefined;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(
        Object.keys(value as Obj)
          .sort()
          .map((k) => [k, (value as Obj)[k]]),
      );
    return value;
  });
}

/**
 * An index on plain columns, as `op.create_index(...)` and `CREATE INDEX` both write it, so an
 * index an earlier revision made with one is known when a later one re-creates it with the other.
 */
export function plainIndexDefinition(
  table: string | undefined,
  schema: string | undefined,
  columns: readonly string[],
  unique: boolean,
): string | undefined {
  if (table === undefined || columns.length === 0) return undefined;
  return `${unique ? 'unique ' : ''}index on ${fold(schema)}.${fold(table)} (${columns.map(fold).join(', ')})`;
}

/** CREATE INDEX on plain columns, btree, no WHERE, INCLUDE, order, collation or operator class. */
function sqlIndexDefinition(n: Obj): string {
  const elems = asArr(n.indexParams).map((p) => asObj(asObj(p)?.IndexElem));
  const plain =
    (n.accessMethod === undefined || n.accessMethod === 'btree') &&
    n.whereClause === undefined &&
    n.indexIncludingParams === undefined &&
    n.options === undefined &&
    n.nulls_not_distinct !== true &&
    elems.every(
      (e) =>
        typeof e?.name === 'string' &&
        e.expr === undefined &&
        e.opclass === undefined &&
        e.collation === undefined &&
        (e.ordering === undefined || e.ordering === 'SORTBY_DEFAULT') &&
        (e.nulls_ordering === undefined || e.nulls_ordering === 'SORTBY_NULLS_DEFAULT'),
    );
  const simple = plain
    ? plainIndexDefinition(
        relname(n.relation),
        relschema(n.relation),
        elems.map((e) => e?.name as string),
        n.unique === true,
      )
    : undefined;
  return simple ?? normalisedTree({ ...n, idxname: undefined });
}

const DROPPED_KIND: Record<string, string> = {
  OBJECT_VIEW: 'view',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'function',
  OBJECT_INDEX: 'index',
  OBJECT_TRIGGER: 'trigger',
  // Kept for what a CASCADE takes with them (MIG041): the columns of a type, domain or an
  // extension's types, with their data; the defaults that draw from a sequence; what is built
  // on a materialized view. Nothing makes these again with a known definition here.
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_EXTENSION: 'extension',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_MATVIEW: 'materialized_view',
};

/** An index's key: its name alone (CREATE INDEX cannot name the index's schema apart from its table's). */
export const indexKey = (name: string | undefined): string | undefined =>
  name === undefined ? undefined : `index ${fold(name)}`;

/** The objects a DROP names (views, functions, indexes, triggers, types, …), one per name. */
export function droppedObjects(n: Obj): SchemaObject[] | undefined {
  const kind = DROPPED_KIND[String(n.removeType)];
  if (!kind) return undefined;
  const guarded = n.missing_ok === true;
  const cascade = n.behavior === 'DROP_CASCADE';
  const out: SchemaObject[] = [];
  for (const o of asArr(n.objects)) {
    const obj = asObj(o);
    // A function is named with its argument types; the name decides here (overloads are rare,
    // and a different one made again shows as a different definition).
    // A type or domain is named as a TypeName, an extension by a bare String.
    const items = obj?.String
      ? [obj]
      : asArr(asObj(obj?.List)?.items ?? asObj(obj?.ObjectWithArgs)?.objname ?? asObj(obj?.TypeName)?.names);
    const name = lastName(items);
    if (name === undefined) continue;
    const key =
      kind === 'index'
        ? indexKey(name)
        : kind === 'trigger'
          ? `trigger ${fold(listSchema(items.slice(0, -1)))}.${fold(lastName(items.slice(0, -1)))}.${fold(name)}`
          : `${kind} ${fold(listSchema(items))}.${fold(name)}`;
    if (key !== undefined)
      out.push({ key, made: false, ...(guarded ? { guarded } : {}), ...(cascade ? { cascade } : {}) });
  }
  return out;
}

/** What a CREATE VIEW, FUNCTION, PROCEDURE, INDEX or TRIGGER makes, with its definition. */
export function createdObject(kind: string, n: Obj): SchemaObject | undefined {
  const guarded = n.replace === true || n.if_not_exists === true;
  const made = (key: string | undefined, definition: string): SchemaObject | undefined =>
    key === undefined ? undefined : { key, made: true, definition, ...(guarded ? { guarded } : {}) };
  switch (kind) {
    case 'ViewStmt':
      return made(`view ${fold(relschema(n.view))}.${fold(relname(n.view))}`, normalisedTree(n));
    case 'CreateFunctionStmt': {
      const names = asArr(n.funcname);
      const name = lastName(names);
      return made(name && `function ${fold(listSchema(names))}.${fold(name)}`, normalisedTree(n));
    }
    case 'IndexStmt':
      return made(indexKey(typeof n.idxname === 'string' ? n.idxname : undefined), sqlIndexDefinition(n));
    case 'CreateTrigStmt': {
      const name = typeof n.trigname === 'string' ? n.trigname : undefined;
      const on = `${fold(relschema(n.relation))}.${fold(relname(n.relation))}`;
      return made(name && `trigger ${on}.${fold(name)}`, normalisedTree(n));
    }
    default:
      return undefined;
  }
}

/** The constraint `ALTER TABLE t ADD CONSTRAINT c ...` makes or `DROP CONSTRAINT c` removes. */
export function constraintObject(
  cmd: Obj | undefined,
  table: string | undefined,
  schema: string | undefined,
): SchemaObject | undefined {
  const on = `${fold(schema)}.${fold(table)}`;
  if (table === undefined) return undefined;
  if (cmd?.subtype === 'AT_DropConstraint' && typeof cmd.name === 'string')
    return {
      key: `constraint ${on}.${fold(cmd.name)}`,
      made: false,
      ...(cmd.missing_ok ? { guarded: true } : {}),
      ...(cmd.behavior === 'DROP_CASCADE' ? { cascade: true } : {}),
    };
  const con = asObj(asObj(cmd?.def)?.Constraint);
  if (cmd?.subtype === 'AT_AddConstraint' && typeof con?.conname === 'string')
    return { key: `constraint ${on}.${fold(con.conname)}`, made: true, definition: normalisedTree(con) };
  return undefined;
}
