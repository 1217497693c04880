import type { SyntaxNode } from '@lezer/common';
import { arg, type CallArgs, callArgs, calleeName, keywordBool, staticValue, str } from './python-syntax.js';
import {
  columnStepFacts,
  createTableColumns,
  createTableNotNullColumns,
  createTableReferences,
  opConstraintFacts,
} from './op-step-facts.js';
import { indexKey, plainIndexDefinition } from './object-definitions.js';
import type { SchemaOp } from './schema-op.js';
import { changesWithoutRewrite, readSqlType } from './sqlalchemy-type.js';

// What one Alembic `op.<method>(...)` call changes in the schema, read from its arguments:
// op-calls.ts finds the calls in a migration's functions, this says what each one does.

function columnFacts(node: SyntaxNode | undefined, src: string): Partial<SchemaOp> {
  if (node === undefined || calleeName(node, src) !== 'Column') return {};
  const args = callArgs(node, src);
  const nullable = keywordBool(args, 'nullable', src);
  const primary = keywordBool(args, 'primary_key', src) === true;
  const def = args.keywords.get('server_default');
  const generated = args.positional.some((p) => {
    const name = calleeName(p, src);
    return name === 'Identity' || name === 'Computed';
  });
  const hasDefault = (def !== undefined && staticValue(def, src) !== null) || generated;
  return {
    column: str(args.positional[0], src),
    notNull: nullable === false || (nullable === undefined && primary),
    hasDefault,
  };
}

type OpFacts = Omit<SchemaOp, 'range' | 'source' | 'label'>;

/** The keywords of an `op.create_index` that leave its definition a plain one (plainIndexDefinition). */
const INDEX_KEYWORDS = new Set([
  'index_name',
  'table_name',
  'columns',
  'unique',
  'schema',
  'if_not_exists',
  'postgresql_concurrently',
]);

/** What one `op.<method>(...)` / `batch_op.<method>(...)` call does. */
export function describeOp(
  method: string,
  args: CallArgs,
  src: string,
  batch: boolean,
  batchTable: string | undefined,
): OpFacts[] {
  // Batch methods take no table argument: it comes from the `with` block.
  const shift = batch ? 1 : 0;
  const table = batch ? batchTable : str(arg(args, 0, 'table_name'), src);
  const index = () => ({
    index: str(arg(args, 0, 'index_name'), src),
    table: batch ? table : str(arg(args, 1, 'table_name'), src),
    concurrently: keywordBool(args, 'postgresql_concurrently', src) === true,
  });
  switch (method) {
    case 'create_table': {
      // if_not_exists=True may make nothing: the table may be an old one (see sql-ops.ts).
      if (keywordBool(args, 'if_not_exists', src) === true)
        return [{ kind: 'other', table: str(arg(args, 0, 'table_name'), src), createdIfMissing: true }];
      const references = createTableReferences(args, src);
      const made = createTableColumns(args, src);
      const notNull = createTableNotNullColumns(args, src);
      return [
        {
          kind: 'create_table',
          table: str(arg(args, 0, 'table_name'), src),
          ...(references.length > 0 ? { references } : {}),
          ...(made ? { madeColumns: made } : {}),
          ...(notNull.length > 0 ? { notNullColumns: notNull } : {}),
        },
      ];
    }
    case 'drop_table':
      return [{ kind: 'drop_table', table: str(arg(args, 0, 'table_name'), src) }];
    case 'rename_table':
      return [
        {
          kind: 'rename_table',
          table: str(arg(args, 0, 'old_table_name'), src),
          newName: str(arg(args, 1, 'new_table_name'), src),
        },
      ];
    case 'add_column': {
      const column = arg(args, 1 - shift, 'column');
      return [{ kind: 'add_column', table, ...columnFacts(column, src), ...columnStepFacts(column, src) }];
    }
    case 'drop_column':
      return [{ kind: 'drop_column', table, column: str(arg(args, 1 - shift, 'column_name'), src) }];
    case 'alter_column':
      return alterColumn(args, table, str(arg(args, 1 - shift, 'column_name'), src), src);
    case 'create_index': {
      // Plain column names only: an expression index is not known to go with a column.
      const listed = arg(args, 2 - shift, 'columns');
      const value = listed ? staticValue(listed, src) : undefined;
      const names = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
      const made = index();
      return [
        {
          kind: 'create_index',
          ...made,
          ...(names?.length ? { columns: names as string[] } : {}),
          ...opIndexObject(made.index, made.table, names as string[] | undefined),
        },
      ];
    }
    case 'drop_index': {
      const key = indexKey(index().index);
      const guarded = keywordBool(args, 'if_exists', src) === true;
      return [{ kind: 'drop_index', ...index(), ...(key ? { object: { key, made: false, guarded } } : {}) }];
    }
    case 'bulk_insert':
      return [{ kind: 'other', dataOnly: true }];
    case 'drop_constraint': {
      const name = str(arg(args, 0, 'constraint_name'), src);
      return [
        {
          kind: 'drop_constraint',
          table: constraintTable(),
          ...(name !== undefined ? { constraintName: name } : {}),
          lock: { mode: 'AccessExclusiveLock' },
        },
      ];
    }
    default: {
      const step = opConstraintFacts(method, args, src, batch);
      return step ? [{ ...step, table: constraintTable() }] : [{ kind: 'other', table }];
    }
  }

  /**
   * The index an `op.create_index` makes; its definition when the call says no more than its
   * table, plain columns, `unique`, `schema` and how it is built (so SQL's CREATE INDEX of the
   * same columns reads the same).
   */
  function opIndexObject(
    name: string | undefined,
    on: string | undefined,
    columns: string[] | undefined,
  ): Pick<SchemaOp, 'object'> {
    const key = indexKey(name);
    if (key === undefined) return {};
    const guarded = keywordBool(args, 'if_not_exists', src) === true;
    const known = [...args.keywords.keys()].every((k) => INDEX_KEYWORDS.has(k));
    // `unique` absent is False; a value that is not a literal leaves the definition unknown.
    const unique = args.keywords.has('unique') ? keywordBool(args, 'unique', src) : false;
    const schema = args.keywords.get('schema');
    const definition =
      known && columns && unique !== undefined
        ? plainIndexDefinition(on, schema ? str(schema, src) : undefined, columns, unique)
        : undefined;
    return { object: { key, made: true, guarded, ...(definition ? { definition } : {}) } };
  }

  /** `op.create_*_constraint(name, table, ...)`: the table is the second argument (the batch's, in a batch). */
  function constraintTable(): string | undefined {
    if (batch) return batchTable;
    return str(arg(args, 1, 'table_name') ?? args.keywords.get('source_table'), src);
  }
}

function alterColumn(
  args: CallArgs,
  table: string | undefined,
  column: string | undefined,
  src: string,
): OpFacts[] {
  const out: OpFacts[] = [];
  const newName = str(args.keywords.get('new_column_name'), src);
  if (newName !== undefined) {
    out.push({ kind: 'rename_column', table, column, newName });
  }
  const alreadyNotNull = keywordBool(args, 'existing_nullable', src) === false;
  if (keywordBool(args, 'nullable', src) === false && !alreadyNotNull) {
    out.push({ kind: 'set_not_null', table, column });
  }
  // `nullable=flag`: SET NOT NULL when the flag is False at run time (DROP NOT NULL otherwise),
  // which this reading cannot tell: said as a SET NOT NULL that may be, not passed over.
  const nullable = args.keywords.get('nullable');
  if (nullable !== undefined && staticValue(nullable, src) === undefined && !alreadyNotNull) {
    out.push({
      kind: 'set_not_null',
      table,
      column,
      valueNotRead: `nullable=${src.slice(nullable.from, nullable.to)}`,
    });
  }
  const type = args.keywords.get('type_');
  if (type) {
    // With both types known, a widening PostgreSQL does in place (varchar(60) → varchar(255))
    // is no rewrite and breaks no reader: MIG024 leaves it alone.
    const existing = args.keywords.get('existing_type');
    const from = existing ? readSqlType(existing, src) : undefined;
    const to = readSqlType(type, src);
    const inPlace = from !== undefined && to !== undefined && changesWithoutRewrite(from, to);
    out.push(
      inPlace
        ? { kind: 'alter_column_type', table, column, inPlace }
        : { kind: 'alter_column_type', table, column },
    );
  }
  if (keywordBool(args, 'nullable', src) === true && keywordBool(args, 'existing_nullable', src) !== true) {
    out.push({ kind: 'drop_not_null', table, column, lock: { mode: 'AccessExclusiveLock' } });
  }
  // Alembic sends SET/DROP NOT NULL whenever `nullable` is given (impl.py: `if nullable is not
  // None`), even when `existing_nullable` says the column is that already: no scan, no new NULLs,
  // but an ALTER TABLE all the same, under ACCESS EXCLUSIVE; so does a `nullable` read from a name.
  if (
    given(args, 'nullable', null, src) &&
    !out.some((o) => o.kind === 'set_not_null' || o.kind === 'drop_not_null')
  ) {
    out.push({ kind: 'other', table, column, lock: { mode: 'AccessExclusiveLock' } });
  }
  // `server_default=` sends SET DEFAULT (DROP DEFAULT for None) whenever it is given (`if
  // server_default is not False`): ACCESS EXCLUSIVE too.
  if (given(args, 'server_default', false, src)) {
    out.push({ kind: 'set_default', table, column, lock: { mode: 'AccessExclusiveLock' } });
  }
  if (out.length === 0) out.push({ kind: 'other', table, column });
  return out;
}

/**
 * A keyword given as anything but its default in Alembic's signature, which means "not given":
 * None for `nullable`, False for `server_default` (whose None drops the default).
 */
function given(args: CallArgs, keyword: string, notGiven: null | false, src: string): boolean {
  const value = args.keywords.get(keyword);
  return value !== undefined && staticValue(value, src) !== notGiven;
}
