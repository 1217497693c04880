import type { SyntaxNode } from '@lezer/common';
import type { DjangoField } from '../migrations/django-field.js';
import type { DjangoState } from '../migrations/django-state.js';
import { callArgs, keywordBool, staticValue, str } from '../migrations/python-syntax.js';
import type { SqlType } from '../migrations/sqlalchemy-type.js';
import { ident, literal, NotRendered } from './render-column.js';
import { STAND_IN_TYPE } from './stand-in-type.js';

/**
 * A Django field (django-field.ts reads its class and options) as the column Django's PostgreSQL
 * schema editor makes of it (django/db/backends/postgresql/base.py `data_types`,
 * base/schema.py `column_sql`): its type, NULL / NOT NULL, PRIMARY KEY / UNIQUE, the CHECK of a
 * Positive*Field, identity for an AutoField, and the default Django sends when it adds one.
 */

/** What the renderer knows of the app: its label, the file, and the models as the history left them. */
export interface DjangoScope {
  app: string;
  src: string;
  state: DjangoState;
}

/** Fields whose `data_type_check_constraints` put a CHECK on the column. */
const POSITIVE = new Set(['PositiveIntegerField', 'PositiveSmallIntegerField', 'PositiveBigIntegerField']);

/** Types whose fields allow '' (`empty_strings_allowed`): blank=True and NOT NULL default to ''. */
const STRING_TYPES = /^(varchar|text|citext)/;

/** A SqlType as Django's `data_types` spell it: `timestamp with time zone`, `numeric(8, 2)`. */
export function djangoTypeText(type: SqlType): string {
  if (type.base === 'timestamptz') return 'timestamp with time zone';
  if (type.base === 'numeric' && type.precision !== undefined)
    return `numeric(${type.precision}, ${type.scale ?? 0})`;
  return type.length === undefined ? type.base : `${type.base}(${type.length})`;
}

/** The table and key column a relation points at, and the type its own column takes. */
export interface RelationTarget {
  table: string;
  column: string;
  type: string;
}

/**
 * A ForeignKey's target in this app, from the state: its table, its key (or `to_field`) and
 * that column's type (`rel_db_type`: an AutoField's integer, not its identity). Undefined for a
 * model of another app (`settings.AUTH_USER_MODEL`, `"auth.User"`): trace builds only this app's
 * history, so neither its table nor its key's type is known.
 */
export function relationTarget(
  field: DjangoField,
  node: SyntaxNode | undefined,
  scope: DjangoScope,
): RelationTarget | undefined {
  const to = field.to;
  if (to === undefined) return undefined;
  const dot = to.lastIndexOf('.');
  if (dot !== -1 && to.slice(0, dot) !== scope.app) return undefined;
  const model = scope.state.modelOf(to.slice(dot + 1));
  if (!model?.table) return undefined;
  const toField =
    node?.name === 'CallExpression'
      ? str(callArgs(node, scope.src).keywords.get('to_field'), scope.src)
      : undefined;
  const target = [...model.fields].find(([name, f]) =>
    toField === undefined ? f?.primaryKey : name === toField,
  );
  const [name, f] = target ?? [];
  if (name === undefined || !f?.type || f.relation !== undefined) return undefined;
  return { table: model.table, column: f.dbColumn ?? name, type: djangoTypeText(f.type) };
}

/** The column's type, or the stand-in for a field class Slipway does not map (noted by the caller). */
export function columnType(
  field: DjangoField,
  node: SyntaxNode | undefined,
  scope: DjangoScope,
): { sql: string; standInFor?: string } {
  if (field.relation === 'foreign_key') {
    const target = relationTarget(field, node, scope);
    if (target) return { sql: target.type };
    return { sql: STAND_IN_TYPE, standInFor: `${field.class} to ${field.to ?? 'a model of another app'}` };
  }
  if (field.type) return { sql: djangoTypeText(field.type) };
  return { sql: STAND_IN_TYPE, standInFor: field.class ?? 'a field that is not a call' };
}

/**
 * A constant of the type, for a default Django computes in Python (`default=timezone.now`,
 * `uuid.uuid4`): it calls it once when it adds the column and sends the value, one constant for
 * every row, so a constant of the same type stands for it (the locks and whether the table is
 * rewritten are those of a constant default).
 */
function constantOf(type: string): string {
  if (STRING_TYPES.test(type) || type === STAND_IN_TYPE) return "''";
  if (type === 'timestamp with time zone') return "'2000-01-01T00:00:00+00:00'::timestamptz";
  if (type === 'date') return "'2000-01-01'::date";
  if (type === 'time') return "'00:00:00'::time";
  if (type === 'uuid') return "'00000000-0000-0000-0000-000000000000'::uuid";
  if (type === 'boolean') return 'false';
  if (type === 'jsonb') return "'{}'";
  if (type === 'interval') return "'0'::interval";
  if (/^(integer|bigint|smallint|numeric|double precision|real)/.test(type)) return '0';
  throw new NotRendered(
    `a default computed in Python for a ${type} column`,
    'a default computed in Python for a column type Slipway has no constant of',
  );
}

/** A Python value as psycopg2 adapts it into the SQL Django sends. */
function literalOf(value: unknown, type: string): string {
  if (typeof value === 'string') return type === 'jsonb' ? literal(JSON.stringify(value)) : literal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return literal(JSON.stringify(value));
}

/**
 * Field options whose SQL is not rendered, said rather than left out: Django 5.0's `db_default=`
 * (a default kept in the database), `db_collation=` (COLLATE), `db_comment=` (COMMENT ON COLUMN).
 */
export function refuseUnrendered(node: SyntaxNode | undefined, src: string): void {
  if (node?.name !== 'CallExpression') return;
  const args = callArgs(node, src);
  for (const option of ['db_default', 'db_collation', 'db_comment'])
    if (args.keywords.has(option))
      throw new NotRendered(`a field with ${option}`, `a field with ${option}: trace does not render it`);
}

/**
 * The default Django sends when it adds the column (`effective_default`): `default=` (a literal,
 * `dict` / `list` for a JSONField, anything else computed in Python: constantOf), else '' for a
 * blank NOT NULL string field, else now() for auto_now / auto_now_add. Undefined when there is none
 * (or it is None): the column is added without a DEFAULT.
 */
export function effectiveDefault(
  field: DjangoField,
  node: SyntaxNode | undefined,
  type: string,
  src: string,
): string | undefined {
  const args = node?.name === 'CallExpression' ? callArgs(node, src) : undefined;
  refuseUnrendered(node, src);
  const def = args?.keywords.get('default');
  if (def) {
    const text = src.slice(def.from, def.to).trim();
    if (text === 'dict' || text === 'list') return literal(text === 'dict' ? '{}' : '[]');
    if (def.name === 'DictionaryExpression' && def.getChildren(':').length === 0) return literal('{}');
    if (/^-\s*\d+(\.\d+)?$/.test(text)) return text.replace(/\s+/g, '');
    const value = staticValue(def, src);
    if (value === null) return undefined;
    return value === undefined ? constantOf(type) : literalOf(value, type);
  }
  if (!args) return undefined;
  if (!field.null && keywordBool(args, 'blank', src) === true && STRING_TYPES.test(type)) return "''";
  if (keywordBool(args, 'auto_now', src) === true || keywordBool(args, 'auto_now_add', src) === true)
    return constantOf(type);
  return undefined;
}

/**
 * `type [DEFAULT x] NULL|NOT NULL [PRIMARY KEY|UNIQUE] [CHECK] [identity]`, in the order
 * `column_sql` and `table_sql` write them. Django 4.1+ makes an AutoField an identity column
 * (`data_types_suffix`); older releases wrote serial, which this does not render.
 */
export function columnDefinition(
  field: DjangoField,
  column: string,
  type: string,
  defaultSql?: string,
): string {
  const parts = [type];
  if (defaultSql !== undefined) parts.push(`DEFAULT ${defaultSql}`);
  parts.push(field.null ? 'NULL' : 'NOT NULL');
  if (field.primaryKey) parts.push('PRIMARY KEY');
  else if (field.unique) parts.push('UNIQUE');
  if (field.class !== undefined && POSITIVE.has(field.class)) parts.push(`CHECK (${ident(column)} >= 0)`);
  if (field.serial) parts.push('GENERATED BY DEFAULT AS IDENTITY');
  return parts.join(' ');
}

/** The field sets no `db_constraint=False`: Django makes the foreign key constraint. */
export function hasDbConstraint(node: SyntaxNode | undefined, src: string): boolean {
  return node?.name !== 'CallExpression' || keywordBool(callArgs(node, src), 'db_constraint', src) !== false;
}

/**
 * The `_like` index PostgreSQL's schema editor adds for an indexed or unique varchar / text column
 * (`_create_like_index_sql`): LIKE 'x%' cannot use a plain index outside the C locale.
 */
export function likeOpclass(field: DjangoField, type: string): string | undefined {
  // A primary key is unique to Django (`Field.unique`), so a varchar key gets one too.
  if (!field.indexed && !field.unique && !field.primaryKey) return undefined;
  if (type.startsWith('varchar')) return 'varchar_pattern_ops';
  if (type.startsWith('text')) return 'text_pattern_ops';
  return undefined;
}
